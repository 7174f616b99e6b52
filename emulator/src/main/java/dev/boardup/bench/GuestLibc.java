package dev.boardup.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The guest libc that {@code boardup cc} builds link against: the project's own build in guest-libc/target when
 * there is one, otherwise one the bench compiles itself with boardup cc and archives with boardup ar into a
 * sysroot in its work directory (crt1.o, libc.a, include/).
 */
record GuestLibc(Path sysroot, String error) {
    /** The driver's default library: no --sysroot needed. */
    static final GuestLibc BUILT = new GuestLibc(null, null);

    boolean ok() {
        return error == null;
    }

    static GuestLibc find(Path home, Path work, PrintWriter progress) throws IOException {
        Path built = home.resolve("guest-libc/target");
        if (Files.isRegularFile(built.resolve("crt1.o")) && Files.isRegularFile(built.resolve("libc.a"))) {
            return BUILT;
        }
        Path src = home.resolve("guest-libc/src"), include = home.resolve("guest-libc/include");
        if (!Files.isDirectory(src) || !Files.isDirectory(include)) {
            return new GuestLibc(null, "guest libc sources not found under " + home.resolve("guest-libc"));
        }
        Optional<ToolProvider> cc = ToolProvider.findFirst("boardup-cc"), ar = ToolProvider.findFirst("boardup-ar");
        if (cc.isEmpty() || ar.isEmpty()) {
            return new GuestLibc(null, "boardup cc not available in this build");
        }
        progress.println("building the guest libc with boardup cc");
        progress.flush();
        Path root = Files.createDirectories(work.resolve("libc"));
        copyTree(include, root.resolve("include"));
        List<String> archive = new ArrayList<>(List.of("rcs", root.resolve("libc.a").toString()));
        for (Path source : sources(src)) {
            String file = source.getFileName().toString();
            Path object = root.resolve(file.substring(0, file.lastIndexOf('.')) + ".o");
            String failure = run(cc.get(), "-O2", "-c", "-nostdinc", "-I", include.toString(), source.toString(),
                    "-o", object.toString());
            if (failure != null) return new GuestLibc(null, "guest libc: " + file + ": " + failure);
            if (!file.equals("crt1.s")) archive.add(object.toString());
        }
        String failure = run(ar.get(), archive.toArray(String[]::new));
        return failure != null ? new GuestLibc(null, "guest libc: ar: " + failure) : new GuestLibc(root, null);
    }

    private static List<Path> sources(Path src) throws IOException {
        try (Stream<Path> s = Files.list(src)) {
            return s.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".s")).sorted().toList();
        }
    }

    /** Runs a tool; null when it succeeded, else its first message line. */
    private static String run(ToolProvider tool, String... args) {
        StringWriter messages = new StringWriter();
        PrintWriter pw = new PrintWriter(messages, true);
        int status;
        try {
            status = tool.run(pw, pw, args);
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
        if (status == 0) return null;
        return messages.toString().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit status " + status);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
