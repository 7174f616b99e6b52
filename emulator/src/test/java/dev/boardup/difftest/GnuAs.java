package dev.boardup.difftest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns instruction texts into machine code with GNU as, all in one assembler run: each instruction is
 * bracketed by labels and a length table in .data tells where one ends and the next begins.
 */
final class GnuAs {
    private GnuAs() {
    }

    static List<byte[]> assemble(List<String> instructions, Path workDir) throws IOException, InterruptedException {
        StringBuilder src = new StringBuilder(".text\n");
        for (int i = 0; i < instructions.size(); i++) {
            src.append(".Lb").append(i).append(":\n").append(instructions.get(i)).append('\n')
               .append(".Le").append(i).append(":\n");
        }
        src.append(".data\n");
        for (int i = 0; i < instructions.size(); i++) {
            src.append(".long .Le").append(i).append(" - .Lb").append(i).append('\n');
        }
        Path s = workDir.resolve("forms.s");
        Path o = workDir.resolve("forms.o");
        Path text = workDir.resolve("forms.text");
        Path data = workDir.resolve("forms.data");
        Files.writeString(s, src);
        run(workDir, "as", "--64", "-o", o.toString(), s.toString());
        run(workDir, "objcopy", "-O", "binary", "--only-section=.text", o.toString(), text.toString());
        run(workDir, "objcopy", "-O", "binary", "--only-section=.data", o.toString(), data.toString());

        byte[] code = Files.readAllBytes(text);
        ByteBuffer lengths = ByteBuffer.wrap(Files.readAllBytes(data)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < instructions.size(); i++) {
            int len = lengths.getInt();
            if (len <= 0 || len > Layout.MAX_CODE) {
                throw new IllegalStateException("as made " + len + " bytes of '" + instructions.get(i) + "'");
            }
            byte[] b = new byte[len];
            System.arraycopy(code, at, b, 0, len);
            at += len;
            out.add(b);
        }
        return out;
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
