package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After fork the child is debuggable too: real gdb sees each process as a thread (info threads lists both), a
 * breakpoint in code only the child runs stops the child, stepping and memory reads are the child's; and
 * {@code boardup debug} stops there as well, saying it switched process.
 */
class GdbForkTest {
    private static final String PROGRAM = """
            #include <sys/wait.h>
            #include <unistd.h>

            int child_value;

            __attribute__((noinline)) int in_child(int v) {
                child_value = v * 3;
                return child_value;
            }

            int main(void) {
                pid_t p = fork();
                if (p == 0) {
                    in_child(14);
                    _exit(in_child(child_value / 3) & 0x7f);
                }
                int status;
                waitpid(p, &status, 0);
                return WEXITSTATUS(status) == 42 ? 5 : 1;
            }
            """;

    @TempDir
    static Path dir;
    static Path program;
    static ExecutorService stubThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gdb-stub");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void build() throws Exception {
        program = Tools.gcc(dir, "fork", PROGRAM, "-g", "-O0", "-static");
    }

    @AfterAll
    static void stop() {
        stubThread.shutdownNow();
    }

    @Test
    void gdbListsTheChildAsAThreadAndStopsItAtABreakpoint() throws Exception {
        Machine machine = Machine.builder().program(program).root(dir).engine("interpreter")
                .streams(InputStream.nullInputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream())
                .build();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(60_000);
            Future<Integer> stub = stubThread.submit(() -> new GdbStub(machine).serve(server));
            List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex",
                    "target remote 127.0.0.1:" + server.getLocalPort()));
            for (String c : List.of("break in_child", "continue", "info threads", "bt", "p child_value", "next",
                    "p child_value", "continue", "p v", "delete", "continue")) {
                cmd.addAll(List.of("-ex", c));
            }
            cmd.add(program.toString());
            String gdb = Tools.run(dir, cmd).output();
            assertEquals(5, stub.get(60, TimeUnit.SECONDS), gdb);
            assertTrue(gdb.contains("[New Thread 1001]"), gdb);
            assertTrue(gdb.contains("Thread 2 hit Breakpoint 1, in_child (v=14) at fork.c:7"), gdb);
            assertTrue(gdb.matches("(?s).*\n  1    Thread 1000 +0x[0-9a-f]+ in wait4 \\(\\)\n"
                    + "\\* 2    Thread 1001 +in_child \\(v=14\\) at fork.c:7\n.*"), gdb);
            assertTrue(gdb.contains("#1  0x"), gdb);
            assertTrue(gdb.contains("$1 = 0\n8\t    return child_value;\n$2 = 42\n"), "the child's memory:\n" + gdb);
            assertTrue(gdb.contains("$3 = 14"), "the second call, child_value / 3:\n" + gdb);
            assertTrue(gdb.contains("[Inferior 1 (Remote target) exited with code 05]"), gdb);
        }
    }

    @Test
    void theCommandLoopStopsInTheChildToo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String script = "break in_child\ncontinue\ninfo registers rdi\nx/1dw &child_value\nnext\nx/1dw &child_value\n"
                + "bt\ninfo threads\ncontinue\ndelete\ncontinue\n";
        int status = dev.boardup.cli.Main.execute(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(out, true), "debug", "--root", dir.toString(),
                program.toString());
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("[Switching to process 1001]\n\nBreakpoint 1, in_child () at fork.c:7\n"), s);
        assertTrue(s.contains("rdi            0xe                 14\n"), s);
        assertTrue(s.matches("(?s).*<child_value>:\t0\n8\t    return child_value;\n0x[0-9a-f]+ <child_value>:\t42\n.*"),
                s);
        assertTrue(s.contains("#1  0x"), s);
        assertTrue(s.matches("(?s).*\n  1000  0x[0-9a-f]+ in \\w*wait4 \\(\\) \\(waiting in a system call\\)\n"
                + "\\* 1001  0x[0-9a-f]+ in in_child \\(\\) at fork.c:8\n.*"), s);
        assertTrue(s.contains("[Inferior 1 (process 1000) exited with code 05]"), s);
        assertEquals(5, status);
        assertTrue(Files.exists(program));
    }
}
