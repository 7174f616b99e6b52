package dev.boardup.difftest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole-program test corpus under resources/programs: freestanding C programs with a tiny _start, and a few
 * pure assembly ones. Builds them with gcc or as+ld and runs them natively.
 */
final class Programs {
    /** A test program and the exit status it ends with natively (128 + signal when a signal kills it). */
    record Program(String name, boolean assembly, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a run printed and how it ended. */
    record Outcome(byte[] stdout, int status) {
    }

    static final List<Program> ALL = List.of(
            new Program("hello", false, 0),
            new Program("exitcode", false, 42),
            new Program("sieve", false, 0),
            new Program("fib", false, 0),
            new Program("checksum", false, 0),
            new Program("sort", false, 0),
            new Program("strings", false, 0),
            new Program("recursion", false, 0),
            new Program("segfault", false, 128 + 11),
            new Program("divzero", false, 128 + 8),
            new Program("illegal", true, 128 + 4),
            new Program("hello_asm", true, 7),
            new Program("loop_asm", true, 80));

    static final List<String> CFLAGS = List.of("-static", "-nostdlib", "-ffreestanding", "-O2",
            "-fno-stack-protector", "-fcf-protection=none", "-fno-tree-loop-distribute-patterns");

    private Programs() {
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Programs.class.getResourceAsStream("/programs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("programs/" + name + " is not on the test class path");
            }
            return in.readAllBytes();
        }
    }

    /** Builds {@code program} into {@code dir} and returns the static executable. */
    static Path build(Program program, Path dir) throws IOException, InterruptedException {
        Path exe = dir.resolve(program.name());
        if (program.assembly()) {
            Path src = copy(program.name() + ".s", dir);
            Path obj = dir.resolve(program.name() + ".o");
            GnuAs.run(dir, "as", "--64", "-o", obj.toString(), src.toString());
            GnuAs.run(dir, "ld", "-static", "-o", exe.toString(), obj.toString());
        } else {
            copy("lib.h", dir);
            Path start = copy("start.S", dir);
            Path lib = copy("lib.c", dir);
            Path main = copy(program.name() + ".c", dir);
            List<String> cmd = new java.util.ArrayList<>(List.of("gcc"));
            cmd.addAll(CFLAGS);
            cmd.addAll(List.of("-o", exe.toString(), start.toString(), main.toString(), lib.toString()));
            GnuAs.run(dir, cmd.toArray(String[]::new));
        }
        return exe;
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            Files.write(p, resource(name));
        }
        return p;
    }

    /** Runs natively with no arguments and an empty environment. */
    static Outcome runNative(Path exe) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(exe.toString()).redirectErrorStream(false)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(exe + " did not finish");
        }
        return new Outcome(out, p.exitValue());
    }
}
