package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /proc/self/maps of a glibc program, fixed-address and PIE, against Linux's with randomisation off: every
 * segment, the bss, the heap after malloc, the stack, byte for byte (the vDSO lines aside: their number and size
 * change with the host kernel's version).
 */
class MapsNativeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "pie={0}")
    @ValueSource(booleans = {false, true})
    void addressSpaceLayoutMatchesLinux(boolean pie) throws Exception {
        Path exe = Guest.compileWithLibc("maps.c", dir, pie);
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("setarch", "-R", exe.toString(), "a b", "c"));
        Guest.Result expected = Guest.exec(cmd, dir, null);
        assumeTrue(expected.status() == 0, "setarch -R does not work here: " + expected.stderr());
        Guest.Result actual = Guest.runMachine(Machine.builder().program(exe).root(dir).args(List.of("a b", "c"))
                .aslr(false));
        assertEquals(withoutVdso(expected.stdout()), withoutVdso(actual.stdout()));
        assertEquals(0, actual.status());
    }

    /** The vDSO's size and parts differ between kernel versions; everything else must not. */
    private static String withoutVdso(String maps) {
        return maps.lines().filter(l -> !l.matches(".*\\[(vvar|vvar_vclock|vdso)\\]$"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
