package dev.boardup.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

/**
 * One benchmark compiled by one compiler: gcc ({@code gcc -O2 -static}, against glibc) or boardup's own
 * {@code boardup cc} (against the guest libc). Either the executable, or why there is none.
 */
record Build(String benchmark, String compiler, Path executable, String error) {
    static final String GCC = "gcc", BOARDUP_CC = "boardup-cc";

    boolean ok() {
        return executable != null;
    }

    /**
     * gcc -O2 -static FLAGS SOURCE -o DIR/NAME.gcc; a missing gcc or a compile error becomes the build's error.
     * FLAGS are extra options such as the bench's -DBENCH_QUICK.
     */
    static Build withGcc(String name, Path source, Path dir, List<String> flags) throws InterruptedException {
        Path exe = dir.resolve(name + ".gcc");
        try {
            Path log = dir.resolve(name + ".gcc.log");
            List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-static"));
            command.addAll(flags);
            command.addAll(List.of(source.toString(), "-o", exe.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Build(name, GCC, null, "gcc timed out");
            }
            if (p.exitValue() != 0) {
                return new Build(name, GCC, null, firstLine(Files.readString(log), "gcc failed"));
            }
            return new Build(name, GCC, exe, null);
        } catch (IOException e) {
            return new Build(name, GCC, null, "gcc not available");
        }
    }

    /** The toolchain's driver through its ToolProvider, as {@code boardup cc -O2 FLAGS SOURCE -o DIR/NAME.bcc} does. */
    static Build withBoardupCc(String name, Path source, Path dir, GuestLibc libc, List<String> flags) {
        Optional<ToolProvider> cc = ToolProvider.findFirst("boardup-cc");
        if (cc.isEmpty()) {
            return new Build(name, BOARDUP_CC, null, "boardup cc not available in this build");
        }
        if (!libc.ok()) {
            return new Build(name, BOARDUP_CC, null, libc.error());
        }
        List<String> args = new ArrayList<>(List.of("-O2"));
        args.addAll(flags);
        args.addAll(List.of(source.toString(), "-o"));
        Path exe = dir.resolve(name + ".bcc");
        StringWriter messages = new StringWriter();
        PrintWriter pw = new PrintWriter(messages, true);
        int status;
        try {
            args.add(exe.toString());
            if (libc.sysroot() != null) args.add("--sysroot=" + libc.sysroot());
            status = cc.get().run(pw, pw, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            return new Build(name, BOARDUP_CC, null, "compiler crashed: " + e);
        }
        if (status != 0 || !Files.isRegularFile(exe)) {
            return new Build(name, BOARDUP_CC, null, firstLine(messages.toString(), "boardup cc failed"));
        }
        return new Build(name, BOARDUP_CC, exe, null);
    }

    private static String firstLine(String text, String otherwise) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? otherwise : lines.get(0).strip();
    }
}
