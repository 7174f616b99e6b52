package dev.boardup.cpu.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: assembles AT&T source with GNU as and returns the raw bytes of .text. */
public final class GnuAs {
    private GnuAs() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("as", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static byte[] assemble(Path dir, String source) throws IOException, InterruptedException {
        Path s = dir.resolve("t.s");
        Path o = dir.resolve("t.o");
        Path bin = dir.resolve("t.bin");
        Files.writeString(s, ".text\n" + source + "\n");
        run(dir, List.of("as", "--64", "-o", o.toString(), s.toString()));
        run(dir, List.of("objcopy", "-O", "binary", "-j", ".text", o.toString(), bin.toString()));
        return Files.readAllBytes(bin);
    }

    public static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed:\n" + out);
        }
        return out;
    }
}
