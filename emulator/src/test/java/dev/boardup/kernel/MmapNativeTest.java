package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mmap family's semantics (mman.c, glibc, static): MAP_SHARED memory across fork, shared file mappings coherent
 * with read/write and written back on msync, munmap and exit, private file mappings copying on write, DONTNEED,
 * mremap's forms, mincore, mlock, MAP_POPULATE, MAP_GROWSDOWN and the errnos. Output, exit status and the files the
 * program leaves behind must be Linux's.
 */
class MmapNativeTest {
    @TempDir
    Path dir;

    @Test
    void mmapFamilyMatchesLinux() throws Exception {
        Path exe = Guest.compileWithLibc("mman.c", dir, false);
        Path nativeRoot = Files.createDirectory(dir.resolve("native"));
        Path guestRoot = Files.createDirectory(dir.resolve("guest"));
        Guest.Result expected = Guest.runNative(exe, nativeRoot);
        Guest.Result actual = Guest.runMachine(exe, guestRoot);
        assertEquals(0, expected.status(), expected.stderr());
        assertEquals(expected.stdout(), actual.stdout(), "stderr: " + actual.stderr());
        assertEquals(expected.status(), actual.status());
        for (String file : new String[] {"shared.dat", "private.dat", "mincore.dat"}) {
            assertArrayEquals(Files.readAllBytes(nativeRoot.resolve(file)), Files.readAllBytes(guestRoot.resolve(file)),
                    file + " as the program left it");
        }
    }

    /** Not a native comparison: past boardup's guest memory limit a populating mmap fails and frees what it took. */
    @Test
    void populatingPastTheMemoryLimitIsEnomemAndGivesTheFramesBack() throws Exception {
        Path exe = Guest.compileWithLibc("populate_oom.c", dir, false);
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).memoryBytes(64L << 20));
        assertEquals("populate 512M: Cannot allocate memory\nthen 16M: ok\n", r.stdout(), r.stderr());
        assertEquals(0, r.status());
    }

    /** A process stopped at --max-instructions still has its shared file pages written back, as a killed one. */
    @Test
    void aStoppedProcessStillWritesItsSharedFilePagesBack() throws Exception {
        Path exe = Guest.compileWithLibc("spin_mapped.c", dir, false);
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).maxInstructions(2_000_000));
        assertEquals(124, r.status(), r.stderr());
        byte[] file = Files.readAllBytes(dir.resolve("spin.dat"));
        assertEquals(4096, file.length);
        assertEquals("written before the limit", new String(file, 0, 24, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
