package dev.boardup.toolchain.bench;

import dev.boardup.toolchain.driver.ArDriver;
import dev.boardup.toolchain.driver.CcDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The toolchain benchmark: how fast {@code boardup cc} compiles the guest libc and the example programs (lines per
 * second, in-process, after a warm-up pass), and how fast the programs it builds run natively against the same
 * programs built by {@code gcc -O0} (both linked with the guest libc we just built, so only the compiled code differs).
 *
 * <pre>java -cp toolchain/target/classes dev.boardup.toolchain.bench.ToolchainBench [--root DIR] [--runs N]</pre>
 */
public final class ToolchainBench {
    private static final long RUN_LIMIT_SECONDS = 300;

    private final Path root;
    private final int runs;
    private final Path work;
    private final PrintWriter out;

    private ToolchainBench(Path root, int runs, Path work, PrintWriter out) {
        this.root = root;
        this.runs = runs;
        this.work = work;
        this.out = out;
    }

    /** A failed step, reported as one line. */
    private static final class BenchError extends Exception {
        BenchError(String message) { super(message); }
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("boardup.home", "."));
        int runs = 3;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> root = Path.of(value(args, ++i));
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                    default -> throw new BenchError("unknown option " + args[i]
                            + " (usage: ToolchainBench [--root DIR] [--runs N])");
                }
            }
            if (runs < 1) throw new BenchError("--runs must be at least 1");
            Path work = Files.createTempDirectory("boardup-bench-cc");
            PrintWriter out = new PrintWriter(System.out, true);
            try {
                new ToolchainBench(root.toAbsolutePath().normalize(), runs, work, out).run();
            } finally {
                deleteTree(work);
            }
        } catch (BenchError | NumberFormatException e) {
            System.err.println("bench-cc: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench-cc: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("bench-cc: interrupted");
            System.exit(130);
        }
    }

    private static String value(String[] args, int i) throws BenchError {
        if (i >= args.length) throw new BenchError(args[i - 1] + " needs a value");
        return args[i];
    }

    private void run() throws BenchError, IOException, InterruptedException {
        Path libc = root.resolve("guest-libc");
        if (!Files.isDirectory(libc.resolve("src"))) throw new BenchError("no guest-libc/src under " + root + " (use --root)");
        List<Path> sources = new ArrayList<>(cFiles(libc.resolve("src")));
        sources.addAll(cFiles(root.resolve("guest-programs/src")));
        sources.addAll(cFiles(root.resolve("guest-programs/bench")));
        compileSpeed(sources, libc.resolve("include"));
        Path sysroot = buildLibc(libc);
        List<Path> programs = cFiles(root.resolve("guest-programs/bench"));
        if (programs.isEmpty()) throw new BenchError("no benchmark programs in guest-programs/bench");
        runTimes(programs, sysroot);
    }

    // ---- compile speed ----

    private void compileSpeed(List<Path> sources, Path include) throws BenchError, IOException {
        long lines = 0;
        for (Path p : sources) lines += Files.readAllLines(p, StandardCharsets.ISO_8859_1).size();
        Path objs = Files.createDirectories(work.resolve("speed"));
        compileAll(sources, include, objs);   // warm-up: lets the JIT compile the toolchain
        long start = System.nanoTime();
        compileAll(sources, include, objs);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println("compile speed (boardup cc -c, in-process, second pass)");
        out.printf("  %d files, %d lines in %.2f s: %.0f lines/s%n%n", sources.size(), lines, seconds, lines / seconds);
    }

    private void compileAll(List<Path> sources, Path include, Path objs) throws BenchError {
        int n = 0;
        for (Path src : sources) {
            cc("-c", "-nostdinc", "-I", include.toString(), "-o", objs.resolve(n++ + ".o").toString(), src.toString());
        }
    }

    // ---- the guest libc, built by us ----

    private Path buildLibc(Path libc) throws BenchError, IOException {
        Path sysroot = Files.createDirectories(work.resolve("sysroot"));
        Files.createSymbolicLink(sysroot.resolve("include"), libc.resolve("include"));
        List<String> members = new ArrayList<>(List.of("rcs", sysroot.resolve("libc.a").toString()));
        try (Stream<Path> files = Files.list(libc.resolve("src"))) {
            for (Path src : files.sorted().toList()) {
                String name = src.getFileName().toString();
                if (!name.endsWith(".c") && !name.endsWith(".s")) continue;
                boolean crt = name.equals("crt1.s");
                Path obj = sysroot.resolve(crt ? "crt1.o" : name.replaceAll("\\.[cs]$", ".o"));
                cc("-c", "-nostdinc", "-I", libc.resolve("include").toString(), "-o", obj.toString(), src.toString());
                if (!crt) members.add(obj.toString());
            }
        }
        StringWriter o = new StringWriter(), e = new StringWriter();
        if (ArDriver.run(new PrintWriter(o), new PrintWriter(e), members.toArray(String[]::new)) != 0) {
            throw new BenchError("building libc.a: " + e.toString().strip());
        }
        return sysroot;
    }

    // ---- run time against gcc -O0 ----

    private void runTimes(List<Path> programs, Path sysroot) throws BenchError, IOException, InterruptedException {
        out.printf("run time, best of %d native runs (both linked with the guest libc built by boardup cc)%n", runs);
        out.printf("  %-10s %14s %14s %8s%n", "program", "boardup cc", "gcc -O0", "ratio");
        double logSum = 0;
        for (Path prog : programs) {
            String name = prog.getFileName().toString().replaceAll("\\.c$", "");
            Path ours = work.resolve(name + ".boardup");
            Path gcc = work.resolve(name + ".gcc");
            cc("--sysroot=" + sysroot, "-o", ours.toString(), prog.toString());
            exec(List.of("gcc", "-O0", "-static", "-nostdlib", "-nostdinc", "-fno-pic", "-no-pie", "-fno-stack-protector",
                    "-fcf-protection=none", "-I", sysroot.resolve("include").toString(), "-o", gcc.toString(), prog.toString(),
                    sysroot.resolve("crt1.o").toString(), sysroot.resolve("libc.a").toString(), "-lgcc"));
            Timed a = best(ours), b = best(gcc);
            if (!a.stdout.equals(b.stdout)) throw new BenchError(name + ": output differs from gcc's build");
            double ratio = a.seconds / b.seconds;
            logSum += Math.log(ratio);
            out.printf("  %-10s %12.3f s %12.3f s %7.2fx%n", name, a.seconds, b.seconds, ratio);
        }
        out.printf("  %-10s %14s %14s %7.2fx  (geometric mean; below 1 is faster than gcc -O0)%n", "all", "", "",
                Math.exp(logSum / programs.size()));
    }

    private record Timed(double seconds, String stdout) { }

    private Timed best(Path exe) throws BenchError, IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        String stdout = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            String o = exec(List.of(exe.toString()));
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            stdout = o;
        }
        return new Timed(best, stdout);
    }

    /** Runs a command in the work directory; its stdout, or a BenchError with its stderr when it fails. */
    private String exec(List<String> command) throws BenchError, IOException, InterruptedException {
        Path err = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[][] stdout = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try { stdout[0] = p.getInputStream().readAllBytes(); } catch (IOException e) { stdout[0] = new byte[0]; }
        });
        if (!p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchError(String.join(" ", command) + ": no result after " + RUN_LIMIT_SECONDS + " s");
        }
        reader.join();
        if (p.exitValue() != 0) {
            throw new BenchError(command.getFirst() + " exited with " + p.exitValue() + ": " + Files.readString(err).strip());
        }
        return new String(stdout[0], StandardCharsets.UTF_8);
    }

    private static void cc(String... args) throws BenchError {
        StringWriter o = new StringWriter(), e = new StringWriter();
        if (CcDriver.run(new PrintWriter(o), new PrintWriter(e), args) != 0) {
            throw new BenchError("boardup cc " + String.join(" ", args) + ": " + e.toString().strip());
        }
    }

    private static List<Path> cFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
