package dev.boardup.cpu.truffle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assembles AT&T test snippets with the system's GNU as and links them with ld at {@link Guest#CODE}, returning the
 * flat image (text then data, no page alignment) ready to load there.
 */
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
            link(List.of(o.toString()), bin);
            return Files.readAllBytes(bin);
        } catch (IOException e) {
            throw new AssertionError("cannot assemble test snippet", e);
        }
    }

    /** Links objects into a flat binary image starting at {@link Guest#CODE}, entry at its first byte. */
    static void link(List<String> objects, Path bin) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("ld", "-N", "-static", "-nostdlib",
                "-Ttext=0x" + Long.toHexString(Guest.CODE), "-e", "0x" + Long.toHexString(Guest.CODE),
                "--oformat=binary", "-o", bin.toString()));
        command.addAll(objects);
        run(command);
    }

    static void run(List<String> command) throws IOException {
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
