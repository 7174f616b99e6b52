package dev.boardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.Guest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boardup command line: exit statuses as a shell gives them, one-line messages, no stack traces. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    static Run boardup(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void oneLine(String s) {
        assertEquals(1, s.strip().lines().count(), "one line: " + s);
        assertFalse(s.contains("\tat "), "no stack trace: " + s);
    }

    @Test
    void versionAndHelp() {
        Run v = boardup("--version");
        assertEquals(0, v.status());
        assertTrue(v.out().startsWith("boardup "), v.out());
        Run h = boardup("--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("run") && h.out().contains("cc"), h.out());
        Run rh = boardup("run", "--help");
        assertTrue(rh.out().contains("--strace") && rh.out().contains("--max-instructions"), rh.out());
    }

    @Test
    void missingProgramIs127() {
        Run r = boardup("run", dir.resolve("nope").toString());
        assertEquals(127, r.status());
        assertTrue(r.err().contains("No such file or directory"), r.err());
        oneLine(r.err());
    }

    @Test
    void notAnExecutableIs126() throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Run r = boardup("run", script.toString());
        assertEquals(126, r.status());
        assertTrue(r.err().contains("cannot execute: not an ELF file (bad magic)"), r.err());
        oneLine(r.err());
        Run d = boardup("run", dir.toString());
        assertEquals(126, d.status());
        oneLine(d.err());
    }

    @Test
    void guestStatusOutputAndArguments() throws Exception {
        Path exe = Guest.compile("faults.c", dir);
        Run ok = boardup("run", "--root", dir.toString(), exe.toString(), "none");
        assertEquals(0, ok.status(), ok.err());
        assertEquals("before\nafter\n", ok.out());
        Run segv = boardup("run", exe.toString(), "s");
        assertEquals(139, segv.status());
        assertTrue(segv.err().startsWith("Segmentation fault at 0x1000 (rip 0x"), segv.err());
        oneLine(segv.err());
    }

    @Test
    void environmentIsSmallFixedAndExtensible() throws Exception {
        Path exe = Guest.compile("auxv.c", dir);
        Run r = boardup("run", "--env", "GREETING=hi there", "--env", "HOME=/home/guest", exe.toString(), "x");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("env: PATH=/usr/bin:/bin\nenv: HOME=/home/guest\nenv: GREETING=hi there\n"),
                r.out());
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("env: ")).count(), "nothing leaks from the host");
        assertTrue(r.out().contains("argv: x\n"), r.out());
    }

    @Test
    void tooLittleGuestMemory() throws Exception {
        Path exe = Guest.compile("memory.c", dir);
        Run r = boardup("run", "--memory", "1M", exe.toString());
        assertEquals(137, r.status(), r.err());
        assertTrue(r.err().contains("out of guest memory"), r.err());
    }

    @Test
    void limitsStopARunawayGuestWith124() throws Exception {
        Path exe = Guest.compile("loop.c", dir);
        Run r = boardup("run", "--max-instructions", "200000", exe.toString());
        assertEquals(124, r.status());
        assertTrue(r.err().contains("instruction limit of 200000 reached"), r.err());
        oneLine(r.err());
        Run t = boardup("run", "--timeout", "0.2", exe.toString());
        assertEquals(124, t.status());
        assertTrue(t.err().contains("timed out"), t.err());
    }

    @Test
    void statsAreReported() throws Exception {
        Path exe = Guest.compile("faults.c", dir);
        Run r = boardup("run", "--stats", exe.toString(), "none");
        assertEquals(0, r.status());
        assertTrue(r.err().contains("instructions:") && r.err().contains("write ") && r.err().contains("page faults:")
                && r.err().contains("TLB:"), r.err());
    }

    @Test
    void verboseAndStraceReportUnknownSyscalls() throws Exception {
        Path exe = Guest.compile("process.c", dir);
        Run quiet = boardup("run", exe.toString());
        assertEquals(7, quiet.status(), quiet.err());
        assertEquals("", quiet.err());
        Run verbose = boardup("run", "--verbose", exe.toString());
        assertTrue(verbose.err().contains("syscall_0x186a0(") && verbose.err().contains("= -1 ENOSYS"), verbose.err());
        Run strace = boardup("run", "--strace", exe.toString());
        assertTrue(strace.err().contains("syscall_0x186a0("), strace.err());
        assertTrue(strace.err().contains("uname({sysname=\"Linux\""), strace.err());
        assertTrue(strace.err().endsWith("exit_group(7)                           = ?\n+++ exited with 7 +++\n"),
                strace.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, boardup("run", "--engine", "warp", "x").status());
        assertEquals(2, boardup("run", "--memory", "lots", "x").status());
        assertEquals(2, boardup("run", "--no-such-option", "x").status());
    }

    @Test
    void ccWithoutTheToolchainSaysSo() {
        Assumptions.assumeTrue(ToolProvider.findFirst("boardup-cc").isEmpty(), "the toolchain is on the class path");
        Run r = boardup("cc", "x.c");
        assertEquals(127, r.status());
        assertTrue(r.err().contains("boardup-cc"), r.err());
        oneLine(r.err());
    }
}
