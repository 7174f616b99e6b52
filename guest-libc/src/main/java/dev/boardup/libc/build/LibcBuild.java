package dev.boardup.libc.build;

import dev.boardup.toolchain.driver.ArDriver;
import dev.boardup.toolchain.driver.CcDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the guest libc with boardup's own toolchain, as the Maven build's process-classes step:
 * every {@code src/*.c} and {@code src/*.s} is compiled by {@code boardup cc -c}, all objects but crt1.o go into
 * {@code libc.a} by {@code boardup ar}, and the headers are copied, giving the sysroot layout the driver looks
 * for: {@code target/crt1.o}, {@code target/libc.a}, {@code target/include/}.
 */
public final class LibcBuild {
    /** The flags the library is built with; -O1 like the gcc build its tests compare against. */
    private static final List<String> CFLAGS = List.of("-O1", "-nostdinc");

    private LibcBuild() {}

    /** args: the guest-libc directory and the target directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LibcBuild LIBC_DIR TARGET_DIR");
        }
        build(Path.of(args[0]), Path.of(args[1]));
    }

    /** Builds libcDir's sources into target; throws with the compiler's own messages if a step fails. */
    public static void build(Path libcDir, Path target) throws IOException {
        Path objects = target.resolve("libc-objects");
        Files.createDirectories(objects);
        List<Path> sources = sources(libcDir.resolve("src"));
        List<String> archived = new ArrayList<>();
        for (Path source : sources) {
            Path object = objects.resolve(stem(source) + ".o");
            compile(libcDir.resolve("include"), source, object);
            if (stem(source).equals("crt1")) {
                Files.copy(object, target.resolve("crt1.o"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                archived.add(object.toString());
            }
        }
        Path archive = target.resolve("libc.a");
        Files.deleteIfExists(archive);
        List<String> ar = new ArrayList<>(List.of("rcs", archive.toString()));
        ar.addAll(archived);
        run("boardup ar", ArDriver::run, ar);
        copyHeaders(libcDir.resolve("include"), target.resolve("include"));
    }

    /** The library's C and assembly sources, in name order so the archive is reproducible. */
    private static List<Path> sources(Path src) throws IOException {
        try (Stream<Path> files = Files.list(src)) {
            return files.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".s"))
                    .sorted().toList();
        }
    }

    private static String stem(Path source) {
        String name = source.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static void compile(Path include, Path source, Path object) {
        List<String> cc = new ArrayList<>(CFLAGS);
        cc.addAll(List.of("-I", include.toString(), "-c", source.toString(), "-o", object.toString()));
        run("boardup cc", CcDriver::run, cc);
    }

    /** A tool's entry point: (out, err, args) to exit status. */
    private interface Tool {
        int run(PrintWriter out, PrintWriter err, String... args);
    }

    private static void run(String name, Tool tool, List<String> args) {
        StringWriter text = new StringWriter();
        PrintWriter pw = new PrintWriter(text);
        int status = tool.run(pw, pw, args.toArray(String[]::new));
        pw.flush();
        if (!text.toString().isEmpty()) {
            System.err.print(text);
        }
        if (status != 0) {
            throw new IllegalStateException(name + " " + String.join(" ", args) + " failed with status " + status
                    + (text.toString().isEmpty() ? "" : ":\n" + text));
        }
    }

    /** Copies the public headers so the driver finds them as the sysroot's include/. */
    private static void copyHeaders(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
