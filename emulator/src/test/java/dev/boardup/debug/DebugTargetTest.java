package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.boardup.cpu.CpuState;
import dev.boardup.machine.Machine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debugger's stepping loop: single steps pass through exactly the states a free run does; breakpoints and
 * watchpoints stop where they should. */
class DebugTargetTest {
    /** Freestanding: loops, calls, a page-crossing stack, and write system calls between them. */
    private static final String PROGRAM = """
            long total;
            static char buf[64];
            static long sys(long n, long a, long b, long c) {
                long r;
                __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
                return r;
            }
            __attribute__((noinline)) long mix(long v) { return v * 2654435761u ^ (v >> 3); }
            void _start(void) {
                char big[9000];
                for (int i = 0; i < 3000; i++) {
                    big[i * 29 % 9000] = (char) i;
                    total += mix(i) + big[(i * 7) % 9000];
                    if (i % 500 == 0) {
                        int n = 0;
                        long v = total & 0xffff;
                        do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
                        buf[n++] = '\\n';
                        sys(1, 1, (long) buf, n);
                    }
                }
                sys(60, total & 0x7f, 0, 0);
            }
            """;

    @TempDir
    static Path dir;
    static Path program;

    @BeforeAll
    static void build() throws Exception {
        program = Tools.gcc(dir, "steps", PROGRAM, "-static", "-nostdlib", "-ffreestanding", "-O1",
                "-fno-stack-protector", "-fno-pie", "-no-pie");
    }

    private static Machine machine(ByteArrayOutputStream out) throws Exception {
        // one seed: both machines get the same layout and random bytes, so their states can be compared
        return Machine.builder().program(program).root(dir).engine("interpreter").seed(1L)
                .streams(InputStream.nullInputStream(), out, new ByteArrayOutputStream()).build();
    }

    private static long symbol(String name) throws Exception {
        Tools.Result nm = Tools.run(dir, java.util.List.of("nm", program.toString()));
        for (String line : nm.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) return Long.parseUnsignedLong(f[0], 16);
        }
        throw new AssertionError("no symbol " + name + " in\n" + nm.output());
    }

    private static void assertSameState(CpuState expected, CpuState actual, String when) {
        assertEquals(expected.rip, actual.rip, "rip " + when);
        assertArrayEquals(expected.gpr, actual.gpr, "general registers " + when);
        assertEquals(expected.rflags(), actual.rflags(), "rflags " + when);
        assertArrayEquals(expected.xmm, actual.xmm, "xmm " + when);
    }

    @Test
    void steppingPassesThroughTheStatesOfAFreeRun() throws Exception {
        ByteArrayOutputStream runOut = new ByteArrayOutputStream(), stepOut = new ByteArrayOutputStream();
        Machine running = machine(runOut);
        DebugTarget stepping = new DebugTarget(machine(stepOut));
        long steps = 0;
        for (long checkpoint : new long[] {1, 2, 17, 500, 4_321, 20_000, 70_001}) {
            while (running.engine().instructionsRetired() < checkpoint && !running.kernel().exited()) {
                running.step(running.memory(), checkpoint - running.engine().instructionsRetired());
            }
            while (steps < checkpoint) {
                stepping.step();
                steps++;
            }
            assertEquals(checkpoint, running.engine().instructionsRetired(), "the program runs past " + checkpoint);
            assertSameState(running.cpu(), stepping.cpu(), "after " + checkpoint + " instructions");
        }
        int status = running.run();
        DebugTarget.Stop end;
        do {
            end = stepping.step();
        } while (!(end instanceof DebugTarget.Stop.Exited));
        assertEquals(status, ((DebugTarget.Stop.Exited) end).termination().status());
        assertEquals(runOut.toString(), stepOut.toString());
        assertEquals(running.engine().instructionsRetired(), stepping.machine().engine().instructionsRetired());
    }

    @Test
    void continueStopsAtABreakpointBeforeItsInstructionAndMovesOnFromIt() throws Exception {
        DebugTarget t = new DebugTarget(machine(new ByteArrayOutputStream()));
        long mix = symbol("mix");
        t.addBreakpoint(mix);
        DebugTarget.Stop stop = t.resume(false, () -> false);
        assertEquals(new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, true), stop);
        assertEquals(mix, t.cpu().rip);
        long rdi = t.cpu().gpr[CpuState.RDI];
        assertEquals(0, rdi, "first call is mix(0)");
        t.resume(false, () -> false);
        assertEquals(mix, t.cpu().rip);
        assertEquals(1, t.cpu().gpr[CpuState.RDI], "continuing runs to the next call, mix(1)");
        t.removeBreakpoint(mix);
        assertInstanceOf(DebugTarget.Stop.Exited.class, t.resume(false, () -> false));
    }

    @Test
    void aWriteWatchpointStopsRightAfterTheStoringInstruction() throws Exception {
        DebugTarget t = new DebugTarget(machine(new ByteArrayOutputStream()));
        long total = symbol("total");
        t.addWatchpoint(new Watchpoint(total, 8, Watchpoint.Kind.WRITE));
        DebugTarget.Stop stop = t.resume(false, () -> false);
        assertEquals(new DebugTarget.Stop.Watch(Watchpoint.Kind.WRITE, total), stop);
        long value = t.machine().kernel().user().read64(total);
        assertNotNull(value);
        long mixOfZero = 0; // total = 0 + mix(0) + big[0] (big[0] was just set to 0)
        assertEquals(mixOfZero, value);
        stop = t.resume(false, () -> false);
        assertEquals(new DebugTarget.Stop.Watch(Watchpoint.Kind.WRITE, total), stop);
        long expected = (1 * 2654435761L ^ (1 >> 3)) + 0; // mix(1) plus big[7], never written: 0
        assertEquals(expected, t.machine().kernel().user().read64(total));
    }

    @Test
    void anInterruptStopsARunningTargetWithSigint() throws Exception {
        DebugTarget t = new DebugTarget(machine(new ByteArrayOutputStream()));
        DebugTarget.Stop stop = t.resume(false, () -> true);
        assertEquals(new DebugTarget.Stop.Trap(DebugTarget.SIGINT, false), stop);
        assertEquals(1 << 14, t.machine().engine().instructionsRetired(), "asked once every 2^14 instructions");
    }

    @Test
    void aFatalFaultStopsFirstAndKillsOnlyWhenItsSignalIsDelivered() throws Exception {
        Path crash = Tools.gcc(dir, "crash", """
                void _start(void) {
                    *(volatile long *) 16 = 1;
                }
                """, "-static", "-nostdlib", "-ffreestanding", "-O1", "-fno-pie", "-no-pie");
        DebugTarget t = new DebugTarget(Machine.builder().program(crash).root(dir).engine("interpreter")
                .streams(InputStream.nullInputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream())
                .build());
        DebugTarget.Stop stop = t.resume(false, () -> false);
        assertEquals(new DebugTarget.Stop.Trap(DebugTarget.SIGSEGV, false), stop);
        long faulting = t.cpu().rip;
        assertEquals(new DebugTarget.Stop.Trap(DebugTarget.SIGSEGV, false), t.resume(false, 0, () -> false),
                "without the signal the store runs again and faults again");
        assertEquals(faulting, t.cpu().rip);
        stop = t.resume(false, DebugTarget.SIGSEGV, () -> false);
        DebugTarget.Stop.Exited end = assertInstanceOf(DebugTarget.Stop.Exited.class, stop);
        assertEquals(DebugTarget.SIGSEGV, end.termination().signal());
    }
}
