package dev.boardup.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One folder of guest-programs/: NAME/NAME.c with what it is run with (optional {@code args}, one argument a
 * line, and {@code stdin}) and what it must give: {@code expected.out}, {@code expected.err} (absent: nothing)
 * and {@code expected.status}. In expected.out, {@code {addr}} stands for a pointer printed with %p, whose value
 * differs from run to run (ASLR natively, a fixed layout under boardup); the program prints its relations itself.
 */
record SeedProgram(String name, Path dir, List<String> args, byte[] stdin, String expectedOut, String expectedErr,
        int expectedStatus) {
    static final String ADDRESS = "{addr}";

    /** Every folder under dir holding a NAME/NAME.c, in name order. */
    static List<SeedProgram> all(Path dir) throws IOException {
        List<SeedProgram> programs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.sorted().toList()) {
                String name = folder.getFileName().toString();
                if (Files.isRegularFile(folder.resolve(name + ".c"))) {
                    programs.add(load(folder));
                }
            }
        }
        return programs;
    }

    static SeedProgram load(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        List<String> args = Files.exists(folder.resolve("args")) ? Files.readAllLines(folder.resolve("args")) : List.of();
        byte[] stdin = Files.exists(folder.resolve("stdin")) ? Files.readAllBytes(folder.resolve("stdin")) : new byte[0];
        String out = Files.readString(folder.resolve("expected.out"), StandardCharsets.UTF_8);
        String err = Files.exists(folder.resolve("expected.err"))
                ? Files.readString(folder.resolve("expected.err"), StandardCharsets.UTF_8) : "";
        int status = Integer.parseInt(Files.readString(folder.resolve("expected.status")).strip());
        return new SeedProgram(name, folder, args, stdin, out, err, status);
    }

    Path source() {
        return dir.resolve(name + ".c");
    }

    /** The expected stdout as a pattern: literal text, with each {addr} capturing a 0x… pointer. */
    Pattern outputPattern() {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int at; (at = expectedOut.indexOf(ADDRESS, from)) >= 0; from = at + ADDRESS.length()) {
            regex.append(Pattern.quote(expectedOut.substring(from, at))).append("(0x[0-9a-f]+)");
        }
        regex.append(Pattern.quote(expectedOut.substring(from)));
        return Pattern.compile(regex.toString());
    }

    /**
     * Why stdout is not what expected.out says, or null if it is. Printed pointers must be addresses malloc,
     * mmap or brk could give: non-null and 16-byte aligned.
     */
    String stdoutMismatch(String stdout) {
        Matcher m = outputPattern().matcher(stdout);
        if (!m.matches()) {
            return "stdout differs from expected.out:\n--- expected\n" + expectedOut + "--- actual\n" + stdout;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            long address = Long.parseUnsignedLong(m.group(g).substring(2), 16);
            if (address == 0 || address % 16 != 0) {
                return "printed pointer " + m.group(g) + " is not a 16-byte aligned address";
            }
        }
        return null;
    }
}
