package dev.boardup.debug;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host tools for the debug tests (gcc, gdb, objdump), each run with a bounded wait. */
final class Tools {
    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {
    }

    /** A finished host process: exit status and its stdout with stderr interleaved. */
    record Result(int status, String output) {}

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tool-", ".log");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            assumeTrue(false, command.get(0) + " is not installed");
            throw e;
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code source} to dir/name.c and compiles it with gcc and the given flags into dir/name. */
    static Path gcc(Path dir, String name, String source, String... flags) throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".c");
        Files.writeString(src, source);
        Path exe = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", exe.toString(), src.getFileName().toString()));
        Result r = run(dir, cmd);
        assumeTrue(r.status() == 0, "gcc could not build the test program: " + r.output());
        return exe;
    }
}
