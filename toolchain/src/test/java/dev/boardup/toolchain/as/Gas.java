package dev.boardup.toolchain.as;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the GNU tools (as, gcc, ld, objdump) that serve as oracles in these tests. */
final class Gas {
    private Gas() {}

    record Result(int exitCode, String stdout, String stderr) {}

    static boolean available(String tool) {
        try {
            return run(List.of(tool, "--version"), null).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (dir != null) pb.directory(dir.toFile());
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Result check(List<String> command, Path dir) throws IOException {
        Result r = run(command, dir);
        if (r.exitCode() != 0) throw new AssertionError(command + " failed: " + r.stderr());
        return r;
    }

    /** Assembles {@code source} with GNU as and returns the object bytes. */
    static byte[] assemble(Path dir, String name, String source) throws IOException {
        Path s = dir.resolve(name + ".gas.s");
        Files.writeString(s, source, StandardCharsets.ISO_8859_1);
        Path o = dir.resolve(name + ".gas.o");
        check(List.of("as", "--64", "-o", o.toString(), s.toString()), dir);
        return Files.readAllBytes(o);
    }
}
