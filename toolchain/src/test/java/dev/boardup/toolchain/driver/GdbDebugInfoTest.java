package dev.boardup.toolchain.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gdb, the judge, on {@code boardup cc -g} binaries: breakpoints on functions land on the right file:line. */
class GdbDebugInfoTest {
    @TempDir Path dir;

    private void compile(String... args) throws IOException {
        try (InputStream in = GdbDebugInfoTest.class.getResourceAsStream("/ld/start.s")) {
            Files.write(dir.resolve("start.s"), in.readAllBytes());
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] resolved = new String[args.length];
        for (int i = 0; i < args.length; i++) resolved[i] = args[i].startsWith("-") ? args[i] : dir.resolve(args[i]).toString();
        int exit = CcDriver.run(new PrintWriter(out), new PrintWriter(err), resolved);
        assertEquals(0, exit, err.toString());
    }

    /** Runs gdb in batch mode, bounded so a hung debugger fails the test instead of the build. */
    private String gdb(String program, String... commands) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("gdb", "-batch", "-nx"));
        for (String c : commands) { cmd.add("-ex"); cmd.add(c); }
        cmd.add(dir.resolve(program).toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("gdb is not installed");
            throw e;
        }
        p.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try { output[0] = p.getInputStream().readAllBytes(); } catch (IOException e) { output[0] = new byte[0]; }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gdb did not finish");
        }
        reader.join();
        return new String(output[0], StandardCharsets.UTF_8);
    }

    @Test
    void breakpointOnFunctionStopsAtItsFirstStatement() throws Exception {
        Files.writeString(dir.resolve("prog.c"), """
                int square(int x)
                {
                    int y = x * x;
                    return y;
                }

                long sum(long *v, int n)
                {
                    long s = 0;
                    for (int i = 0; i < n; i++) s += v[i];
                    return s;
                }

                int main(void)
                {
                    long v[3] = {1, 2, 3};
                    return square(6) - 36 + (int) sum(v, 3) - 6;
                }
                """);
        compile("-g", "-nostdlib", "-o", "prog", "start.s", "prog.c");
        String out = gdb("prog", "break square", "run", "info line *$pc", "bt");
        assertTrue(out.contains("Breakpoint 1 at 0x") && out.contains("prog.c, line 3."), out);
        assertTrue(out.matches("(?s).*#0  square \\(x=6\\) at \\S*/prog\\.c:3\n.*"), out);
        assertTrue(out.matches("(?s).*Line 3 of \"\\S*/prog\\.c\" starts at address.*"), out);
        assertTrue(out.matches("(?s).*#1  0x[0-9a-f]+ in main \\(\\) at \\S*/prog\\.c:17\n.*"), out);

        String sum = gdb("prog", "break sum", "run", "bt 1", "print *v@n");
        assertTrue(sum.contains("sum (v=0x") && sum.matches("(?s).*, n=3\\) at \\S*/prog\\.c:9\n.*"), sum);
        assertTrue(sum.contains("= {1, 2, 3}"), sum);
    }

    @Test
    void eachObjectKeepsItsOwnLineTable() throws Exception {
        Files.writeString(dir.resolve("cube.c"), """
                static int twice(int x) { return 2 * x; }

                int cube(int x)
                {
                    return twice(x * x * x) / 2;
                }
                """);
        Files.writeString(dir.resolve("main.c"), """
                int cube(int);

                int main(void)
                {
                    return cube(3) - 27;
                }
                """);
        compile("-g", "-c", "-o", "cube.o", "cube.c");
        compile("-g", "-nostdlib", "-o", "prog", "start.s", "main.c", "cube.o");
        String out = gdb("prog", "break cube", "run", "bt");
        assertTrue(out.matches("(?s).*#0  cube \\(x=3\\) at \\S*/cube\\.c:5\n.*"), out);
        assertTrue(out.matches("(?s).*#1  0x[0-9a-f]+ in main \\(\\) at \\S*/main\\.c:5\n.*"), out);
        String info = gdb("prog", "info functions twice");
        assertTrue(info.matches("(?s).*File \\S*/cube\\.c:\n1:\\s.*twice.*"), info);
    }
}
