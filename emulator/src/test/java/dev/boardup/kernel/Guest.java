package dev.boardup.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test programs from src/test/resources/kernel, built with gcc as freestanding static executables, and run both
 * natively (the oracle) and on the emulated machine in-process, with the same arguments and environment. Output is
 * decoded as ISO-8859-1 so every byte compares exactly.
 */
public final class Guest {
    /** How a run ended and what it printed. */
    public record Result(int status, String stdout, String stderr) {}

    /** The environment both runs get (the machine's default one). */
    static final String[] ENV = {"PATH=/usr/bin:/bin", "HOME=/"};

    private Guest() {}

    public static Path resource(String name) {
        try {
            return Path.of(Guest.class.getResource("/kernel/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource kernel/" + name + " is missing", e);
        }
    }

    /** gcc -static -nostdlib -ffreestanding -O1: the source's executable in {@code dir}. */
    public static Path compile(String source, Path dir, String... extraFlags) throws IOException, InterruptedException {
        Path src = resource(source);
        Path exe = dir.resolve(source.replaceAll("\\.[cs]$", "") + String.join("", extraFlags).replace(' ', '_'));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-static", "-nostdlib", "-ffreestanding", "-O1",
                "-fno-stack-protector", "-I", src.getParent().toString(), "-o", exe.toString(), src.toString()));
        cmd.addAll(List.of(extraFlags));
        Result r = exec(cmd, dir, null);
        assumeTrue(r.status() != 127, "gcc is not installed");
        if (r.status() != 0) {
            throw new IllegalStateException("gcc failed on " + source + ":\n" + r.stderr());
        }
        return exe;
    }

    /** gcc -static -O1 with glibc (or -static-pie when {@code pie}): a real C program, startup code and all. */
    public static Path compileWithLibc(String source, Path dir, boolean pie) throws IOException, InterruptedException {
        Path src = resource(source);
        Path exe = dir.resolve(source.replaceAll("\\.c$", "") + (pie ? "-pie" : ""));
        Result r = exec(List.of("gcc", pie ? "-static-pie" : "-static", "-O1", "-o", exe.toString(), src.toString()),
                dir, null);
        assumeTrue(r.status() == 0, "gcc -static with glibc is not available: " + r.stderr());
        return exe;
    }

    public static Result runNative(Path exe, Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(ENV));
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        return exec(cmd, cwd, null);
    }

    public static Result runNative(Path exe, Path cwd, byte[] stdin) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(ENV));
        cmd.add(exe.toString());
        return exec(cmd, cwd, stdin);
    }

    public static Result runMachine(Path exe, Path root, String... args) throws IOException, BadExecutable {
        return runMachine(Machine.builder().program(exe).root(root).args(List.of(args)));
    }

    public static Result runMachine(Machine.Builder builder) throws IOException, BadExecutable {
        return runMachine(builder, new byte[0]);
    }

    public static Result runMachine(Machine.Builder builder, byte[] stdin) throws IOException, BadExecutable {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Machine m = builder.streams(new ByteArrayInputStream(stdin), out, err).build();
        int status = m.run();
        return new Result(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** Runs a host command; its stdout is a pipe, as the machine's captured stdout looks to the guest. */
    static Result exec(List<String> cmd, Path cwd, byte[] stdin) throws IOException, InterruptedException {
        Path err = Files.createTempFile("guest-err", ".txt");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return new Result(127, "", e.getMessage());
            }
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("native run of " + cmd + " hung");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
