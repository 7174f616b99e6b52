package dev.boardup.cpu.truffle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Assembles AT&T test snippets with the system's GNU as, returning the raw bytes of .text. */
final class Assembler {
    private Assembler() {
    }

    static byte[] assemble(Path dir, String source) {
        try {
            Path s = Files.createTempFile(dir, "snippet", ".s");
            Path o = Path.of(s + ".o");
            Path bin = Path.of(s + ".bin");
            Files.writeString(s, ".text\n" + source + "\n");
            run(List.of("as", "--64", "-o", o.toString(), s.toString()));
            run(List.of("objcopy", "-O", "binary", "-j", ".text", o.toString(), bin.toString()));
            return Files.readAllBytes(bin);
        } catch (IOException e) {
            throw new AssertionError("cannot assemble test snippet", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
