package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmap's address hint against Linux (both without randomisation, so the stack's address is the same): honoured
 * anywhere free below TASK_SIZE, above the mmap base too, but not within the stack's guard gap; hints below 64 KiB
 * move up to it; MAP_FIXED low down; and /proc/sys/vm/mmap_min_addr says this machine's value.
 */
class MmapHintNativeTest {
    @TempDir
    Path dir;

    @Test
    void hintsAreTakenWhereLinuxTakesThem() throws Exception {
        Path exe = Guest.compileWithLibc("mmap_hints.c", dir, false);
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("setarch", "-R", exe.toString()));
        Guest.Result nat = Guest.exec(cmd, dir, null);
        assumeTrue(nat.status() == 0, "setarch -R does not work here: " + nat.stderr());
        Guest.Result ours = Guest.runMachine(Machine.builder().program(exe).root(dir).aslr(false));
        assertEquals(0, ours.status(), ours.stderr());
        assertEquals(nat.stdout(), ours.stdout());
    }
}
