package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boardup run --gdb 0 PROGRAM}: the port is announced on stderr and a real gdb drives the program. */
class GdbCommandLineTest {
    private static final String PROGRAM = """
            #include <stdio.h>
            int steps;
            int main(void) {
                for (int i = 0; i < 3; i++) steps += i;
                printf("steps=%d\\n", steps);
                return steps;
            }
            """;

    @TempDir
    Path dir;

    /** Collects stderr and completes {@link #port} once the stub's "waiting for gdb" line has been written. */
    private static final class PortWatcher extends OutputStream {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        final CompletableFuture<Integer> port = new CompletableFuture<>();

        @Override
        public synchronized void write(int b) {
            seen.write(b);
            Matcher m = Pattern.compile("waiting for gdb on 127\\.0\\.0\\.1:(\\d+)\n")
                    .matcher(seen.toString(StandardCharsets.UTF_8));
            if (b == '\n' && m.find()) port.complete(Integer.parseInt(m.group(1)));
        }
    }

    @Test
    void runWithGdbServesARealGdbSession() throws Exception {
        Path exe = Tools.gcc(dir, "loop", PROGRAM, "-g", "-O0", "-static");
        PortWatcher err = new PortWatcher();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.execute(
                new PrintStream(out, true), new PrintStream(err, true), "run", "--gdb", "0", exe.toString()));
        int port = err.port.get(60, TimeUnit.SECONDS);
        Tools.Result gdb = Tools.run(dir, List.of("gdb", "-batch", "-nx", "-ex", "target remote 127.0.0.1:" + port,
                "-ex", "break 5", "-ex", "continue", "-ex", "print steps", "-ex", "set var steps = 40",
                "-ex", "continue", exe.toString()));
        assertEquals(40, status.get(60, TimeUnit.SECONDS), gdb.output());
        assertTrue(gdb.output().contains("main () at loop.c:5"), gdb.output());
        assertTrue(gdb.output().contains("$1 = 3"), gdb.output());
        assertTrue(gdb.output().contains("exited with code 050"), gdb.output());
        assertEquals("steps=40\n", out.toString(StandardCharsets.UTF_8));
    }
}
