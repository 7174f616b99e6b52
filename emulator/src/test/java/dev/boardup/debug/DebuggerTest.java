package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cli.Main;
import dev.boardup.cpu.CpuState;
import dev.boardup.machine.Machine;
import dev.boardup.memory.Pte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boardup debug} driven by piped commands, judged by real gdb running the same commands natively on the same
 * (static, fixed-address) gcc -g executable (DebuggerOwnToolchainTest does the same for our toolchain's): breakpoints, source-line stepping,
 * backtraces, x, registers and watchpoints print what gdb prints. The machine's own views (pagewalk, tlb) are judged
 * by the MMU's page tables and physical memory; stepping every instruction by a free run.
 */
class DebuggerTest {
    private static final String PROGRAM = """
            unsigned char table[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
            char msg[] = "hi\\tthere\\n";
            long big = -5;
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
    static Path dir;
    static Path gccProgram;

    @BeforeAll
    static void build() throws Exception {
        gccProgram = Tools.gcc(dir, "prog", PROGRAM, "-g", "-O0", "-static");
    }

    /** A scripted {@code boardup debug} session: its output (the guest's included) and exit status. */
    record Session(String output, int status) {}

    static Session debug(Path exe, String... commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] script = (String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8);
        int status = Main.execute(new ByteArrayInputStream(script), new PrintStream(out, true), new PrintStream(out,
                true), "debug", "--root", dir.toString(), exe.toString());
        return new Session(out.toString(StandardCharsets.UTF_8), status);
    }

    /** The same commands under native gdb, the program started with starti (stopped at its first instruction). */
    static String gdb(Path exe, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex", "starti"));
        for (String c : commands) cmd.addAll(List.of("-ex", c));
        cmd.add(exe.toString());
        return Tools.run(dir, cmd).output();
    }

    /**
     * gdb's transcript made comparable: starti's own lines go, argument values (we read no .debug_info) and process
     * ids are blanked.
     */
    static String normalize(String transcript) {
        StringBuilder sb = new StringBuilder();
        for (String line : transcript.split("\n")) {
            if (line.equals("Program stopped.") || line.matches("0x[0-9a-f]+ in _start \\(\\)")) continue;
            sb.append(line.replaceAll("^(Breakpoint \\d+, |#\\d+  (0x[0-9a-f]+ in )?)?(\\w+) \\([^)]*\\)", "$1$3 ()")
                    .replaceAll("\\(process \\d+\\)", "(process N)")).append('\n');
        }
        return sb.toString().replaceFirst("^\n+", "");
    }

    private static final String[] SESSION = {"break add", "break 13", "info breakpoints", "continue", "bt", "next",
        "next", "next", "info registers rip", "x/8xb &table", "x/3xh &table", "x/3xw &table", "x/2xg &table",
        "x/4dw &table", "x/3ob &table", "x/2tb &table", "x/2dg &big", "x/4c &msg", "x/s &msg", "watch counter",
        "continue", "continue", "delete", "continue"};

    @Test
    void aGccProgramDebugsAsUnderNativeGdb() throws Exception {
        Session ours = debug(gccProgram, SESSION);
        assertEquals(normalize(gdb(gccProgram, SESSION)), normalize(ours.output()));
        assertEquals(3, ours.status());
        assertTrue(ours.output().contains("Old value = 35\nNew value = 36"), ours.output());
    }

    @Test
    void instructionSteppingMatchesNativeGdb() throws Exception {
        String[] session = {"break main", "continue", "si 3", "si", "ni 2", "si 2", "ni 3", "info registers eflags",
            "finish"};
        Session ours = debug(gccProgram, session);
        // After each stepi we also show the next instruction, as "display/i $pc" would: gdb's transcript has not.
        String withoutInstructions = ours.output().replaceAll("(?m)^=> 0x.*\n", "");
        assertEquals(normalize(gdb(gccProgram, session)).replaceAll("(?m)^Run till exit.*\n", ""),
                normalize(withoutInstructions).replaceAll("(?m)^Run till exit.*\n", ""));
        assertTrue(ours.output().contains("\n=> 0x"), ours.output());
    }

    @Test
    void stepIntoAFunctionStopsPastItsPrologueAndFinishReturns() throws Exception {
        Session ours = debug(gccProgram, "break main", "continue", "step", "info registers rdi rsi", "finish",
                "next", "x/2i $pc", "quit");
        String theirs = gdb(gccProgram, "break main", "continue", "step", "info registers rdi rsi", "finish", "next",
                "x/2i $pc");
        assertTrue(ours.output().contains("add () at prog.c:7\n7\t    int s = a + b;\n"), ours.output());
        for (String regex : List.of("rdi ", "rsi ", "Value returned is ", "0x[0-9a-f]+ in main \\(\\) at prog.c:12",
                "13\t", "=> 0x", "   0x")) {
            assertEquals(line(normalize(theirs), regex), line(normalize(ours.output()), regex), ours.output());
        }
        assertTrue(ours.output().contains("Run till exit from #0  add () at prog.c:7"), ours.output());
        assertEquals(0, ours.status(), "quitting kills the program: the session itself succeeded");
    }

    private static String line(String output, String regex) {
        Matcher m = Pattern.compile("^" + regex + ".*$", Pattern.MULTILINE).matcher(output);
        assertTrue(m.find(), "no line matching " + regex + " in:\n" + output);
        return m.group();
    }

    @Test
    void registersShowFlagsSegmentsFsBaseAndControlRegisters() {
        Session ours = debug(gccProgram, "break add", "continue", "info registers");
        String out = ours.output();
        assertTrue(out.matches("(?s).*\neflags {9}0x[0-9a-f]+ +\\[ ([A-Z]+ )*IF ([A-Z]+ )*\\]\n.*"), out);
        assertTrue(out.contains("\ncs             0x33                51\n"), out);
        assertTrue(out.contains("\nss             0x2b                43\n"), out);
        assertTrue(out.matches("(?s).*\nfs_base        0x4[0-9a-f]{5} +\\d+\n.*"), "glibc set up its TLS:\n" + out);
        assertTrue(out.matches("(?s).*\ncr3            0x[0-9a-f]+000 +0x[0-9a-f]+000\n.*"), out);
        assertTrue(out.matches("(?s).*\ncr2            0x[1-9a-f][0-9a-f]* .*"), "page faults happened:\n" + out);
    }

    @Test
    void flagsAreDecodedInGdbsOrder() {
        assertEquals("[ CF PF AF ZF SF IF OF ]", DebuggerCommands.flags(0xad7));
        assertEquals("[ ]", DebuggerCommands.flags(0x2));
    }

    @Test
    void disassembleIsObjdumpsTextForTheFunction() throws Exception {
        Session ours = debug(gccProgram, "break add", "continue", "disassemble");
        String objdump = Tools.run(dir, List.of("objdump", "-d", "--no-show-raw-insn", gccProgram.toString()))
                .output();
        String full = Tools.run(dir, List.of("objdump", "-d", gccProgram.toString())).output();
        List<String> listed = new ArrayList<>();
        boolean in = false;
        for (String l : ours.output().split("\n")) {
            if (l.startsWith("Dump of assembler code for function add:")) in = true;
            else if (l.equals("End of assembler dump.")) in = false;
            else if (in) listed.add(l);
        }
        assertFalse(listed.isEmpty(), ours.output());
        assertTrue(objdump.contains("<add>:"), objdump);
        int marked = 0;
        for (String l : listed) {
            if (l.startsWith("=> ")) marked++;
            assertTrue(full.contains("\n" + l.substring(3) + "\n"), "not objdump's line: " + l);
        }
        assertEquals(1, marked, "pc is marked once:\n" + ours.output());
        assertTrue(line(ours.output(), "=> ").contains("mov    -0x14(%rbp),%edx")
                || line(ours.output(), "=> ").matches("=>\\s+40[0-9a-f]+:.*"), ours.output());
    }

    @Test
    void aWritePrintsOldAndNewValuesAndReadWatchpointsSeeReads() throws Exception {
        String[] session = {"break main", "continue", "rwatch counter", "awatch big", "info breakpoints",
            "continue", "continue"};
        Session ours = debug(gccProgram, session);
        assertTrue(ours.output().contains("Hardware read watchpoint 2: counter"), ours.output());
        assertTrue(ours.output().contains("Hardware access (read/write) watchpoint 3: big"), ours.output());
        assertTrue(ours.output().contains("\nHardware read watchpoint 2: counter\n\nValue = 35\n"), ours.output());
        String theirs = gdb(gccProgram, session);
        assertEquals(line(normalize(theirs), "2       read watchpoint"), line(ours.output(), "2       read watchpoint"));
        assertEquals(line(normalize(theirs), "3       acc watchpoint"), line(ours.output(), "3       acc watchpoint"));
    }

    @Test
    void stepAndNextReportAWatchedValueOnlyWhenItChanges() throws Exception {
        Path same = Tools.gcc(dir, "same", """
                int counter;

                int main(void) {
                    counter = 5;
                    counter = 5;
                    counter = 6;
                    return 0;
                }
                """, "-g", "-O0", "-static");
        String[] session = {"break main", "continue", "watch counter", "next", "next", "step", "next"};
        Session ours = debug(same, session);
        assertEquals(normalize(gdb(same, session)), normalize(ours.output()));
        assertEquals(2, ours.output().split("Old value = ", -1).length - 1, "only the two changes:\n" + ours.output());
        assertTrue(ours.output().contains("Old value = 5\nNew value = 6"), ours.output());
    }

    // ---- the machine's own views ----

    private static Machine machine(Path exe, ByteArrayOutputStream out) throws Exception {
        return Machine.builder().program(exe).root(dir).engine("interpreter").seed(1L)
                .streams(InputStream.nullInputStream(), out, new ByteArrayOutputStream()).build();
    }

    private static String run(DebuggerCommands commands, ByteArrayOutputStream out, String... lines) {
        out.reset();
        for (String l : lines) commands.execute(l);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pagewalkFollowsTheTablesTheMmuUsesToTheRightFrame() throws Exception {
        Machine m = machine(gccProgram, new ByteArrayOutputStream());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DebuggerCommands d = new DebuggerCommands(new DebugTarget(m), new Program(gccProgram,
                Files.readAllBytes(gccProgram)), new KernelLog(), new PrintStream(out, true));
        run(d, out, "break add", "continue");
        String tlbBefore = run(d, out, "tlb");
        long table = d.evaluate("&table");
        String walk = run(d, out, "pagewalk &table");
        long cr3 = m.kernel().addressSpace().mmu().cr3();
        String[] levels = walk.split("\n");
        assertEquals(6, levels.length, walk);
        assertTrue(levels[1].startsWith(String.format("PML4E PML4[  0] at 0x%09x = ", cr3)), walk);
        for (int level = 4, i = 1; level >= 1; level--, i++) {
            Matcher e = Pattern.compile("at 0x([0-9a-f]+) = 0x([0-9a-f]{16})").matcher(levels[i]);
            assertTrue(e.find(), levels[i]);
            long entryValue = m.kernel().addressSpace().physical().read64(Long.parseLong(e.group(1), 16));
            assertEquals(entryValue, Long.parseUnsignedLong(e.group(2), 16), "the entry as stored: " + levels[i]);
        }
        long pte = m.kernel().addressSpace().tables().lookup(table);
        long pa = Pte.addr(pte) | (table & 0xFFF);
        assertTrue(levels[5].startsWith(String.format("physical 0x%x ", pa)), walk);
        assertTrue(levels[5].endsWith("user read/write, no execute"), walk);
        byte[] viaPhysical = new byte[8];
        m.kernel().addressSpace().physical().readBytes(pa, viaPhysical, 0, 8);
        assertArrayEquals(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88}, viaPhysical);
        String stack = run(d, out, "pagewalk $rsp");
        assertTrue(stack.contains("user read/write, no execute"), stack);
        assertTrue(run(d, out, "pagewalk 0x10").contains("not present at the"), "page zero is never mapped");
        assertTrue(run(d, out, "pagewalk 0x800000000000").contains("non-canonical"));
        assertEquals(tlbBefore, run(d, out, "tlb"), "pagewalk and x leave the TLB alone");
        String tlb = run(d, out, "x/8xb &table", "tlb");
        assertTrue(tlb.contains(String.format("0x%016x  0x%x", m.cpu().rip & ~0xFFFL,
                Pte.addr(m.kernel().addressSpace().tables().lookup(m.cpu().rip)))), tlb);
        assertTrue(tlb.matches("(?s).*0x0*4[0-9a-f]*000  0x[0-9a-f]+ +r-x\n.*"), "a code page, executable:\n" + tlb);
        assertEquals(tlbBefore, tlb.substring(tlb.indexOf("TLB of")), "x reads without the TLB too");
    }

    @Test
    void infoMapsFaultsAndSyscalls() {
        Session s = debug(gccProgram, "break main", "continue", "info maps", "info faults", "info syscalls");
        assertTrue(s.output().contains("r-xp 00001000"), s.output());
        assertTrue(s.output().contains("[stack]"), s.output());
        assertTrue(s.output().matches("(?s).*\n1     1000  0x[0-9a-f]+ +0x[0-9a-f]+ +0x[0-9a-f]+ .*"), s.output());
        assertTrue(s.output().contains("not-present fetch user       file-page"), s.output());
        assertTrue(s.output().matches("(?s).*\n1     1000  brk\\(0x0, .*\\) = 0x4[0-9a-f]+\n.*"), s.output());
    }

    @Test
    void badCommandsGiveOneLineAnswers() {
        Session s = debug(gccProgram, "frobnicate", "break nosuch", "x/4q 0", "x/4xb 0x10", "finish", "quit");
        assertEquals("""
                Undefined command: "frobnicate".  Try "help".
                Function "nosuch" not defined.
                Undefined output format "q".
                Cannot access memory at address 0x10
                "finish" not meaningful in the outermost frame.
                """, s.output());
    }

    // ---- stepping is running ----

    private static final String SYSCALLS = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <unistd.h>
            char out[64];
            int main(void) {
                char *heap = malloc(100000);
                memset(heap, 7, 100000);
                long sum = 0;
                for (int i = 0; i < 100000; i += 99) sum += heap[i] * i;
                int n = snprintf(out, sizeof out, "pid %d sum %ld\\n", getpid(), sum);
                write(1, out, n);
                printf("done\\n");
                return (int) (sum & 0x3f);
            }
            """;

    @Test
    void steppingEveryInstructionEndsInTheStateOfAFreeRun() throws Exception {
        Path exe = Tools.gcc(dir, "syscalls", SYSCALLS, "-O1", "-static");
        ByteArrayOutputStream runOut = new ByteArrayOutputStream(), stepOut = new ByteArrayOutputStream();
        Machine running = machine(exe, runOut);
        int status = running.run();
        Machine stepping = machine(exe, stepOut);
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        DebuggerCommands d = new DebuggerCommands(new DebugTarget(stepping), new Program(exe, Files.readAllBytes(exe)),
                new KernelLog(), new PrintStream(transcript, true));
        long steps = 0;
        while (d.running()) {
            d.execute("stepi");
            steps++;
        }
        assertTrue(transcript.toString(StandardCharsets.UTF_8).endsWith("[Inferior 1 (process 1000) exited with code "
                + String.format("%02o", status) + "]\n"));
        assertEquals(running.engine().instructionsRetired(), steps, "one instruction a stepi");
        assertEquals(status, d.endSession());
        assertEquals(runOut.toString(), stepOut.toString());
        assertTrue(runOut.toString().startsWith("pid 1000 sum "), runOut.toString());
        CpuState a = running.cpu(), b = stepping.cpu();
        assertEquals(a.rip, b.rip);
        assertArrayEquals(a.gpr, b.gpr);
        assertEquals(a.rflags(), b.rflags());
        assertArrayEquals(a.xmm, b.xmm);
        assertEquals(a.fsBase, b.fsBase);
        long out = new Program(exe, Files.readAllBytes(exe)).symbol("out").value();
        assertArrayEquals(running.kernel().user().read(out, 64), stepping.kernel().user().read(out, 64));
        assertEquals(running.kernel().addressSpace().brk(), stepping.kernel().addressSpace().brk());
        assertEquals(running.kernel().addressSpace().maps(), stepping.kernel().addressSpace().maps());
    }
}
