package dev.boardup.toolchain.cc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Test helper: gcc as the preprocessor, assembler, linker and reference compiler; runs the programs natively. */
final class NativeTools {
    static final Path RESOURCES = Path.of("src/test/resources/cc").toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) { }

    private NativeTools() { }

    static Result run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(".out").toFile())
                .redirectError(dir.resolve(".err").toFile())
                .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(dir.resolve(".out"), StandardCharsets.ISO_8859_1),
                Files.readString(dir.resolve(".err"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result runChecked(Path dir, String... cmd) {
        Result r = run(dir, cmd);
        assertEquals(0, r.exitCode(), () -> String.join(" ", cmd) + " failed:\n" + r.stdout() + r.stderr());
        return r;
    }

    /** gcc -E, for now the preprocessor of record in these tests. */
    static String preprocess(Path dir, Path source) {
        return runChecked(dir, "gcc", "-E", "-I", RESOURCES.toString(), source.toString()).stdout();
    }

    /** Preprocesses with gcc, compiles with our compiler, writes the assembly; returns its path. */
    static Path compileOurs(Path dir, Path source, CompileOptions options) throws IOException {
        String pre = preprocess(dir, source);
        String asm = Compiler.compile(pre, source.getFileName().toString(), options);
        Path s = dir.resolve(source.getFileName().toString().replaceAll("\\.c$", "") + ".s");
        Files.writeString(s, asm);
        return s;
    }

    /** Links the given .s/.c/.o inputs with gcc into an executable and returns its path. */
    static Path link(Path dir, String name, Path... inputs) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-w", "-I", RESOURCES.toString(), "-o", name));
        for (Path p : inputs) cmd.add(p.toString());
        cmd.add("-lm");
        runChecked(dir, cmd.toArray(String[]::new));
        return dir.resolve(name);
    }
}
