package dev.boardup.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boardup debug} on a program built by our own toolchain with -g (its DWARF line table, written by our
 * assembler): breakpoints by function and file:line, source-line stepping and the backtrace print what native gdb
 * prints for the same executable.
 */
class DebuggerOwnToolchainTest {
    private static final String PROGRAM = """
            int counter;

            int add(int a, int b) {
                int s = a + b;
                return s;
            }

            int main(void) {
                int x = add(2, 3);
                counter = x * 7;
                for (int i = 0; i < 3; i++)
                    counter++;
                return counter - 35;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void stepsAndBreaksAsNativeGdbDoes() throws Exception {
        Path source = dir.resolve("ours.c"), exe = dir.resolve("ours");
        Files.writeString(source, PROGRAM);
        StringWriter messages = new StringWriter();
        int built = ToolProvider.findFirst("boardup-cc").orElseThrow().run(new PrintWriter(messages),
                new PrintWriter(messages), "-g", source.toString(), "-o", exe.toString());
        assertEquals(0, built, messages.toString());
        String[] session = {"break add", "break ours.c:10", "info breakpoints", "continue", "bt", "next", "next",
            "continue", "next", "step", "info registers rip", "continue"};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] script = (String.join("\n", session) + "\n").getBytes(StandardCharsets.UTF_8);
        int status = Main.execute(new ByteArrayInputStream(script), new PrintStream(out, true),
                new PrintStream(out, true), "debug", "--root", dir.toString(), exe.toString());
        String ours = out.toString(StandardCharsets.UTF_8);

        assertEquals(normalize(nativeGdb(exe, session)), normalize(ours));
        assertTrue(ours.contains("Breakpoint 2, main () at " + source + ":10\n10\t    counter = x * 7;\n"), ours);
        assertEquals(3, status);
    }

    private String nativeGdb(Path exe, String[] session) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex", "starti"));
        for (String c : session) cmd.addAll(List.of("-ex", c));
        cmd.add(exe.toString());
        Path log = dir.resolve("gdb.log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("gdb is not installed");
            throw e;
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gdb finished");
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /** starti's lines go; argument values (we read no .debug_info) and process ids are blanked. */
    private static String normalize(String transcript) {
        StringBuilder sb = new StringBuilder();
        for (String line : transcript.split("\n")) {
            if (line.equals("Program stopped.") || line.matches("0x[0-9a-f]+ in _start \\(\\)")) continue;
            sb.append(line.replaceAll("^(Breakpoint \\d+, |#\\d+  (0x[0-9a-f]+ in )?)?(\\w+) \\([^)]*\\)", "$1$3 ()")
                    .replaceAll("\\(process \\d+\\)", "(process N)")).append('\n');
        }
        return sb.toString().replaceFirst("^\n+", "");
    }
}
