package dev.boardup.libc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds the guest libc and test programs with the host's gcc, and runs them natively. */
final class NativeToolchain {

    /** How the reference (glibc) build of a test program is linked. */
    enum Reference { GLIBC_STATIC, GLIBC_DYNAMIC }

    /** How a program's stdout and stderr are captured. */
    enum Capture {
        /** stdout and stderr to two separate files. */
        SEPARATE_FILES,
        /** both into one pipe, in the order the program wrote them. */
        MERGED_PIPE,
        /** both into one file opened for appending. */
        MERGED_FILE,
        /** both onto a pseudo-terminal (via script(1)), where stdout is line buffered. */
        TERMINAL
    }

    /** What one run printed and how it ended. */
    record Outcome(String stdout, String stderr, int status) { }

    static final List<String> LIBC_CFLAGS = List.of(
            "-static", "-nostdlib", "-nostdinc", "-ffreestanding", "-fno-builtin", "-fno-stack-protector",
            "-fcf-protection=none", "-fno-pic", "-O1");

    private static final long RUN_LIMIT_SECONDS = 60;

    private final Path libcDir;
    private final Path work;
    private Path archive;
    private Path crt1;

    NativeToolchain(Path libcDir, Path work) {
        this.libcDir = libcDir;
        this.work = work;
    }

    static Path libcDir() {
        return Path.of(System.getProperty("libc.dir", ".")).toAbsolutePath();
    }

    Path include() {
        return libcDir.resolve("include");
    }

    /** Compiles every src/*.c and src/*.s into objects and archives them as libc.a (crt1 kept apart). */
    void buildLibc() throws IOException, InterruptedException {
        Path obj = Files.createDirectories(work.resolve("libc-obj"));
        List<Path> members = new ArrayList<>();
        for (Path src : sources()) {
            String name = src.getFileName().toString();
            Path out = obj.resolve(name + ".o");
            if (name.endsWith(".s")) {
                run(List.of("as", src.toString(), "-o", out.toString()));
            } else {
                List<String> cmd = new ArrayList<>(List.of("gcc", "-c"));
                cmd.addAll(LIBC_CFLAGS);
                cmd.addAll(List.of("-Wall", "-Werror", "-I", include().toString(), src.toString(), "-o", out.toString()));
                run(cmd);
            }
            if (name.equals("crt1.s")) {
                crt1 = out;
            } else {
                members.add(out);
            }
        }
        archive = work.resolve("libc.a");
        List<String> ar = new ArrayList<>(List.of("ar", "rcs", archive.toString()));
        members.forEach(m -> ar.add(m.toString()));
        run(ar);
    }

    private List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(libcDir.resolve("src"))) {
            return files.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".s")).sorted().toList();
        }
    }

    /** Links program against our libc; the binary keeps the source's base name so __progname matches. */
    Path buildOurs(Path program) throws IOException, InterruptedException {
        Path out = Files.createDirectories(work.resolve("ours")).resolve(baseName(program));
        // Same optimisations as the glibc build (builtins on, so printf("x\n") becomes puts on both sides).
        List<String> cmd = new ArrayList<>(List.of("gcc", "-static", "-nostdlib", "-nostdinc", "-fno-stack-protector",
                "-fcf-protection=none", "-fno-pic", "-O1"));
        cmd.addAll(List.of("-w", "-I", include().toString(), program.toString(), crt1.toString(),
                archive.toString(), "-lgcc", "-o", out.toString()));
        run(cmd);
        return out;
    }

    /** Links program against the host's glibc. */
    Path buildGlibc(Path program, Reference reference) throws IOException, InterruptedException {
        Path out = Files.createDirectories(work.resolve("glibc-" + reference.name().toLowerCase()))
                .resolve(baseName(program));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O1", "-w"));
        if (reference == Reference.GLIBC_STATIC) {
            cmd.add("-static");
        }
        cmd.addAll(List.of(program.toString(), "-o", out.toString(), "-lm"));
        run(cmd);
        return out;
    }

    private static String baseName(Path program) {
        String name = program.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Runs binary with args and stdin text in its own directory, capturing as asked. */
    Outcome execute(Path binary, List<String> args, String stdin, Capture capture)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "run");
        Path in = dir.resolve("stdin");
        Files.writeString(in, stdin);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        StringBuilder shell = new StringBuilder("exec '").append(binary).append('\'');
        for (String a : args) {
            shell.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        shell.append(" < stdin");
        switch (capture) {
            case SEPARATE_FILES -> shell.append(" > stdout 2> stderr");
            case MERGED_PIPE -> shell.insert(0, "( ").append(" ) 2>&1 | cat > stdout");
            case MERGED_FILE -> shell.append(" > stdout 2>&1");
        }
        String script = switch (capture) {
            case MERGED_PIPE -> "set -o pipefail; " + shell;
            case TERMINAL -> "script -qec \"" + shell.toString().replace("\"", "\\\"") + "\" /dev/null > stdout";
            default -> shell.toString();
        };
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("shell.log").toFile()).start();
        if (!p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(binary + " did not finish");
        }
        String stderr = Files.exists(err) ? Files.readString(err, StandardCharsets.ISO_8859_1) : "";
        return new Outcome(Files.readString(out, StandardCharsets.ISO_8859_1), stderr, p.exitValue());
    }

    /** Runs a build tool and fails with its output when it fails. */
    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + output);
        }
    }

    static boolean available(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
