package dev.boardup.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.exec.Interpreter;
import dev.boardup.kernel.BadExecutable;
import dev.boardup.kernel.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine loop as an embedding program uses it: engines, limits, statistics. */
class MachineTest {
    @TempDir
    Path dir;

    @Test
    void bothEnginesRunTheSameProgramTheSameWay() throws Exception {
        Path exe = Guest.compile("memory.c", dir);
        Machine.Builder interp = Machine.builder().program(exe).root(dir).engine("interpreter");
        Machine.Builder truffle = Machine.builder().program(exe).root(dir).engine("truffle");
        Guest.Result a = Guest.runMachine(interp);
        Guest.Result b = Guest.runMachine(truffle);
        assertEquals(0, a.status(), a.stderr());
        assertEquals(a.stdout(), b.stdout());
        assertEquals(a.status(), b.status());
    }

    @Test
    void statisticsCountWhatHappened() throws Exception {
        Path exe = Guest.compile("cat.c", dir);
        Machine m = Machine.builder().program(exe).root(dir).engine(new Interpreter())
                .streams(new java.io.ByteArrayInputStream("abc".getBytes()), new java.io.ByteArrayOutputStream(),
                        new java.io.ByteArrayOutputStream())
                .build();
        assertEquals(0, m.run());
        Machine.Stats s = m.stats();
        assertEquals("interpreter", s.engine());
        assertEquals(2L, s.syscallsByName().get("read"), "one read with data, one at end of file");
        assertEquals(1L, s.syscallsByName().get("exit"));
        assertTrue(s.instructions() > 50 && s.pageFaults() > 0 && s.tlbMisses() > 0, s.format());
        assertEquals(s.syscalls(), s.syscallsByName().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void instructionLimitIsExactOnTheInterpreter() throws Exception {
        Path exe = Guest.compile("loop.c", dir);
        Machine m = Machine.builder().program(exe).root(dir).engine("interpreter").maxInstructions(12345)
                .streams(java.io.InputStream.nullInputStream(), new java.io.ByteArrayOutputStream(),
                        new java.io.ByteArrayOutputStream())
                .build();
        assertEquals(Machine.TIMEOUT_STATUS, m.run());
        assertEquals(12345, m.stats().instructions());
        Guest.Result t = Guest.runMachine(Machine.builder().program(exe).root(dir).timeout(Duration.ofMillis(100)));
        assertEquals(Machine.TIMEOUT_STATUS, t.status());
        assertTrue(t.stderr().startsWith("boardup: timed out"), t.stderr());
    }

    @Test
    void aGuestThatWouldSleepForeverIsStopped() throws Exception {
        Path exe = Guest.compile("deadlock.c", dir);
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir));
        assertEquals(Machine.TIMEOUT_STATUS, r.status());
        assertEquals("reading\n", r.stdout());
        assertTrue(r.stderr().contains("would wait forever: read from an empty pipe"), r.stderr());
    }

    @Test
    void badProgramsAreRefusedBeforeRunning() throws Exception {
        byte[] elf32 = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1}, 0, elf32, 0, 7);
        Path junk = Files.write(dir.resolve("junk"), elf32);
        BadExecutable e = assertThrows(BadExecutable.class, () -> Machine.builder().program(junk).build());
        assertEquals("a 32-bit ELF file; only ELF64 is supported", e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> Machine.builder().program(dir.resolve("absent")).build());
    }
}
