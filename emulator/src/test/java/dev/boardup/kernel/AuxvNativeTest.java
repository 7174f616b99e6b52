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
 * The auxiliary vector's entries in Linux's order (AT_SYSINFO_EHDR and AT_MINSIGSTKSZ first, the rseq pair last),
 * so that without randomisation the initial stack pointer sits at the same place in its page as natively under
 * {@code setarch -R}; AT_SYSINFO_EHDR is the [vdso] mapping and glibc's time functions work with our image.
 */
class AuxvNativeTest {
    @TempDir
    Path dir;

    @Test
    void auxvTypesAndInitialStackPointerMatchLinux() throws Exception {
        for (boolean pie : new boolean[] {false, true}) {
            Path exe = Guest.compileWithLibc("auxv_types.c", dir, pie);
            List<String> cmd = new ArrayList<>(List.of("env", "-i"));
            cmd.addAll(List.of(Guest.ENV));
            cmd.addAll(List.of("setarch", "-R", exe.toString()));
            Guest.Result nat = Guest.exec(cmd, dir, null);
            assumeTrue(nat.status() == 0, "setarch -R does not work here: " + nat.stderr());
            Guest.Result ours = Guest.runMachine(Machine.builder().program(exe).root(dir).aslr(false));
            assertEquals(0, ours.status(), ours.stderr());
            List<String> n = nat.stdout().lines().toList(), o = ours.stdout().lines().toList();
            // Every line but the last: AT_MINSIGSTKSZ is what this CPU's (XSAVE-less) signal frame needs.
            assertEquals(n.subList(0, n.size() - 1), o.subList(0, o.size() - 1), exe.getFileName().toString());
            assertEquals("sysconf(_SC_MINSIGSTKSZ) " + InitialStack.MINSIGSTKSZ, o.get(o.size() - 1));
        }
    }
}
