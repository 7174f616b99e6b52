package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.machine.Machine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gdb in batch mode against our stub, on a gcc -g static glibc program, judged by the same gdb commands
 * run natively (gdb's own {@code run}): breakpoint address and file:line, registers, memory, stepi, a watchpoint
 * on a global, and the exit code.
 */
class GdbSessionTest {
    private static final String PROGRAM = """
            unsigned char table[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
            int counter;

            int add(int a, int b) {
                return a + b;
            }

            int main(void) {
                int x = add(2, 3);
                counter = x * 7;
                return counter - 32;
            }
            """;
    private static final String CRASH = """
            int main(void) {
                volatile int *p = (int *) 16;
                return *p;
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
        program = Tools.gcc(dir, "prog", PROGRAM, "-g", "-O0", "-static");
    }

    @AfterAll
    static void stop() {
        stubThread.shutdownNow();
    }

    /** Our stub serving one gdb session; returns gdb's output and the status the stub returned. */
    record Session(String gdb, int status) {}

    private static Session underStub(Path exe, String... commands) throws Exception {
        Machine machine = Machine.builder().program(exe).root(dir).engine("interpreter")
                .streams(InputStream.nullInputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream())
                .build();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(60_000);
            Future<Integer> stub = stubThread.submit(() -> new GdbStub(machine).serve(server));
            List<String> cmd = gdb("target remote 127.0.0.1:" + server.getLocalPort(), commands, exe);
            Tools.Result r = Tools.run(dir, cmd);
            int status = stub.get(60, TimeUnit.SECONDS);
            return new Session(r.output(), status);
        }
    }

    private static String natively(Path exe, String... commands) throws Exception {
        return Tools.run(dir, gdb("run", commands, exe)).output();
    }

    private static List<String> gdb(String start, String[] commands, Path exe) {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx"));
        boolean started = false;
        for (String c : commands) {
            if (c.equals("continue") && !started) {
                started = true;
                cmd.addAll(List.of("-ex", start));
                if (start.equals("run")) continue;
            }
            cmd.addAll(List.of("-ex", c));
        }
        cmd.add(exe.toString());
        return cmd;
    }

    private static String line(String output, String regex) {
        Matcher m = Pattern.compile("^" + regex + ".*$", Pattern.MULTILINE).matcher(output);
        assertTrue(m.find(), "no line matching " + regex + " in:\n" + output);
        return m.group();
    }

    @Test
    void breakpointRegistersStepAndMemoryMatchNativeGdb() throws Exception {
        String[] commands = {"break main", "continue", "info registers rip", "info registers eflags",
            "info registers cs", "info registers ss", "stepi", "x/4xb $rsp", "x/8xb &table", "p add(0,0) == 0",
            "continue"};
        Session ours = underStub(program, commands);
        String theirs = natively(program, commands);
        assertEquals(3, ours.status(), ours.gdb());
        assertTrue(ours.gdb().contains("Breakpoint 1, main () at prog.c:9"), ours.gdb());
        for (String regex : List.of("Breakpoint 1 at", "Breakpoint 1, ", "rip ", "cs ", "ss ", "0x[0-9a-f]+\\s+9\\s",
                "0x[0-9a-f]+ <table>:")) {
            assertEquals(line(theirs, regex), line(ours.gdb(), regex), ours.gdb());
        }
        // The flags here come from "sub $N,%rsp", so they depend on where the stack is: only the form is compared.
        assertTrue(line(ours.gdb(), "eflags ").matches("eflags +0x[0-9a-f]+ +\\[ ([A-Z]+ )*IF ([A-Z]+ )*\\]"),
                ours.gdb());
        assertTrue(Pattern.compile("^0x7ff[0-9a-f]+:\\s+0x[0-9a-f]{2}\\s+0x[0-9a-f]{2}\\s+0x[0-9a-f]{2}\\s+0x[0-9a-f]{2}$",
                Pattern.MULTILINE).matcher(ours.gdb()).find(), "x/4xb $rsp reads the stack:\n" + ours.gdb());
        assertTrue(ours.gdb().contains("[Inferior 1 (Remote target) exited with code 03]"), ours.gdb());
    }

    @Test
    void watchpointOnAGlobalStopsAfterTheWrite() throws Exception {
        String[] commands = {"break main", "continue", "watch counter", "continue", "info registers rip",
            "continue"};
        Session ours = underStub(program, commands);
        String theirs = natively(program, commands);
        assertTrue(ours.gdb().contains("Hardware watchpoint 2: counter"), ours.gdb());
        assertTrue(ours.gdb().contains("Old value = 0\nNew value = 35"), ours.gdb());
        assertEquals(line(theirs, "rip "), line(ours.gdb(), "rip "), ours.gdb());
        assertEquals(line(theirs, "11\\s"), line(ours.gdb(), "11\\s"), ours.gdb());
        assertEquals(3, ours.status());
    }

    @Test
    void singleStepsToTheEndReportTheExit() throws Exception {
        Session ours = underStub(program, "break add", "continue", "finish", "next", "next", "continue");
        assertTrue(ours.gdb().contains("Breakpoint 1, add (a=2, b=3) at prog.c:5"), ours.gdb());
        assertTrue(ours.gdb().contains("Value returned is $1 = 5"), ours.gdb());
        assertTrue(ours.gdb().contains("exited with code 03"), ours.gdb());
    }

    @Test
    void aFatalFaultStopsWithItsSignalAndThenKillsTheProcess() throws Exception {
        Path crash = Tools.gcc(dir, "crash", CRASH, "-g", "-O0", "-static");
        String[] commands = {"continue", "info registers rip", "x/2i $pc", "continue"};
        Session ours = underStub(crash, commands);
        String theirs = natively(crash, commands);
        assertTrue(ours.gdb().contains("Program received signal SIGSEGV, Segmentation fault."), ours.gdb());
        assertEquals(line(theirs, "rip "), line(ours.gdb(), "rip "), ours.gdb());
        assertEquals(line(theirs, "=> 0x"), line(ours.gdb(), "=> 0x"), ours.gdb());
        assertTrue(ours.gdb().contains("Program terminated with signal SIGSEGV, Segmentation fault."), ours.gdb());
        assertEquals(128 + 11, ours.status());
    }
}
