package dev.boardup.difftest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole-program test corpus under resources/programs: freestanding C programs with a tiny _start, a few
 * pure assembly ones and one against static glibc. Builds them with gcc or as+ld and runs them natively.
 */
final class Programs {
    /**
     * A test program, the exit status it ends with natively (128 + signal when a signal kills it), its
     * arguments after argv[0], and the resource its stdin comes from (null: empty stdin).
     */
    record Program(String name, Kind kind, int status, List<String> args, String stdin) {
        Program(String name, Kind kind, int status) {
            this(name, kind, status, List.of(), null);
        }

        byte[] stdinBytes() throws IOException {
            return stdin == null ? new byte[0] : resource(stdin);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How a program is built. */
    enum Kind {
        /** C with -nostdlib -ffreestanding, start.S and lib.c. */
        FREESTANDING,
        /** Pure assembly: as, then ld. */
        ASSEMBLY,
        /** C against the static glibc: gcc -static -O2. */
        LIBC
    }

    /** What a run printed and how it ended. */
    record Outcome(byte[] stdout, int status) {
    }

    static final List<Program> ALL = List.of(
            new Program("hello", Kind.FREESTANDING, 0),
            new Program("exitcode", Kind.FREESTANDING, 42),
            new Program("sieve", Kind.FREESTANDING, 0),
            new Program("fib", Kind.FREESTANDING, 0),
            new Program("checksum", Kind.FREESTANDING, 0),
            new Program("sort", Kind.FREESTANDING, 0),
            new Program("strings", Kind.FREESTANDING, 0),
            new Program("recursion", Kind.FREESTANDING, 0),
            new Program("mandel", Kind.FREESTANDING, 0),
            new Program("longdouble", Kind.FREESTANDING, 0),
            new Program("jumptable", Kind.FREESTANDING, 0),
            new Program("int128", Kind.FREESTANDING, 0),
            new Program("args", Kind.FREESTANDING, 4, List.of("one", "two words", ""), null),
            new Program("wc", Kind.FREESTANDING, 0, List.of(), "wc.in"),
            new Program("heap", Kind.FREESTANDING, 0),
            new Program("libc_printf", Kind.LIBC, 3),
            new Program("segfault", Kind.FREESTANDING, 128 + 11),
            new Program("divzero", Kind.FREESTANDING, 128 + 8),
            new Program("illegal", Kind.ASSEMBLY, 128 + 4),
            new Program("hello_asm", Kind.ASSEMBLY, 7),
            new Program("loop_asm", Kind.ASSEMBLY, 80));

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
        if (program.kind() == Kind.LIBC) {
            Path main = copy(program.name() + ".c", dir);
            GnuAs.run(dir, "gcc", "-static", "-O2", "-o", exe.toString(), main.toString());
        } else if (program.kind() == Kind.ASSEMBLY) {
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

    /** Runs natively with the program's arguments and stdin and an empty environment. */
    static Outcome runNative(Program program, Path exe) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(exe.toString()));
        command.addAll(program.args());
        Path input = exe.resolveSibling(program.name() + ".stdin");
        Files.write(input, program.stdinBytes());
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
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
