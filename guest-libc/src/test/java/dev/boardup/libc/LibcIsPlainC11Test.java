package dev.boardup.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libc must stay within what a small C11 compiler accepts: ISO C11 without GNU
 * extensions, no inline assembly, and no compiler builtins outside stdarg.h.
 */
class LibcIsPlainC11Test {

    private static final Pattern FORBIDDEN =
            Pattern.compile("__builtin_\\w+|\\basm\\b|__asm__|__attribute__|__typeof__|\\btypeof\\b|__extension__");

    private static List<Path> files(Path dir, String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
                    .filter(p -> !p.toString().contains("/test/"))
                    .sorted().toList();
        }
    }

    @Test
    void sourcesCompileAsPedanticC11() throws Exception {
        assumeTrue(NativeToolchain.available("gcc"), "gcc is needed");
        Path libc = NativeToolchain.libcDir();
        List<String> cmd = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-std=c11", "-pedantic-errors",
                "-nostdinc", "-ffreestanding", "-Wall", "-Werror", "-I", libc.resolve("include").toString()));
        List<Path> sources = files(libc.resolve("src"), ".c");
        sources.forEach(p -> cmd.add(p.toString()));
        NativeToolchain.run(cmd);
        assertFalse(sources.isEmpty());
    }

    @Test
    void noBuiltinsOrInlineAssemblyOutsideStdarg() throws Exception {
        Path libc = NativeToolchain.libcDir();
        List<String> offences = new ArrayList<>();
        List<Path> all = new ArrayList<>(files(libc.resolve("src"), ".c", ".h"));
        all.addAll(files(libc.resolve("include"), ".h"));
        for (Path p : all) {
            if (p.getFileName().toString().equals("stdarg.h")) {
                continue;
            }
            Matcher m = FORBIDDEN.matcher(Files.readString(p, StandardCharsets.UTF_8));
            while (m.find()) {
                offences.add(libc.relativize(p) + ": " + m.group());
            }
        }
        assertEquals(List.of(), offences);
    }
}
