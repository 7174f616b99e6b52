package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Address-space layout randomisation against Linux: runs without a seed differ in every randomised base, runs with
 * one seed agree in every address and random byte, and --no-aslr gives exactly what {@code setarch -R} gives
 * natively. aslr.c prints the stack, the break, an mmap, main, and AT_RANDOM, /dev/urandom and getrandom bytes.
 */
class AslrNativeTest {
    @TempDir
    static Path dir;
    static Path exe, pie;

    @BeforeAll
    static void build() throws Exception {
        exe = Guest.compileWithLibc("aslr.c", dir, false);
        pie = Guest.compileWithLibc("aslr.c", dir, true);
    }

    private static Map<String, String> run(Path program, Machine.Builder options) throws Exception {
        Guest.Result r = Guest.runMachine(options.program(program).root(dir));
        assertEquals(0, r.status(), r.stderr());
        return fields(r.stdout());
    }

    private static Map<String, String> fields(String out) {
        Map<String, String> f = new TreeMap<>();
        out.lines().map(l -> l.split(" ", 2)).forEach(kv -> f.put(kv[0], kv[1]));
        return f;
    }

    @Test
    void twoRunsWithoutASeedDifferInEveryRandomisedBase() throws Exception {
        Map<String, String> a = run(exe, Machine.builder()), b = run(exe, Machine.builder());
        for (String key : List.of("stack", "brk", "mmap", "at_random", "urandom", "getrandom")) {
            assertNotEquals(a.get(key), b.get(key), key);
        }
        assertEquals(a.get("main"), b.get("main"), "a fixed-address executable stays where it was linked");
        Map<String, String> p = run(pie, Machine.builder()), q = run(pie, Machine.builder());
        assertNotEquals(p.get("main"), q.get("main"), "a static PIE's load base is randomised");
    }

    @Test
    void oneSeedGivesOneRun() throws Exception {
        assertEquals(run(exe, Machine.builder().seed(42L)), run(exe, Machine.builder().seed(42L)));
        assertEquals(run(pie, Machine.builder().seed(42L)), run(pie, Machine.builder().seed(42L)));
        assertNotEquals(run(pie, Machine.builder().seed(42L)).get("main"),
                run(pie, Machine.builder().seed(43L)).get("main"));
    }

    @Test
    void randomisedBasesStayWithinLinuxsRanges() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Map<String, String> f = run(exe, Machine.builder().seed(seed));
            long stack = Long.decode(f.get("stack")), brk = Long.decode(f.get("brk"));
            long fixedBrk = Long.decode(run(exe, Machine.builder().aslr(false)).get("brk"));
            assertTrue(stack < Layout.TASK_SIZE && stack > Layout.TASK_SIZE - (Layout.STACK_RND_MASK + 3) * 4096,
                    f.get("stack"));
            assertTrue(brk >= fixedBrk && brk < fixedBrk + Layout.BRK_RANGE, f.get("brk"));
            assertEquals(0, (brk - fixedBrk) % 4096, "the break moves by whole pages");
        }
    }

    @Test
    void withoutRandomisationEveryAddressIsLinuxsSetarchR() throws Exception {
        for (Path program : List.of(exe, pie)) {
            List<String> cmd = new ArrayList<>(List.of("env", "-i"));
            cmd.addAll(List.of(Guest.ENV));
            cmd.addAll(List.of("setarch", "-R", program.toString()));
            Guest.Result nat = Guest.exec(cmd, dir, null);
            assumeTrue(nat.status() == 0, "setarch -R does not work here: " + nat.stderr());
            Map<String, String> expected = fields(nat.stdout());
            Map<String, String> actual = run(program, Machine.builder().aslr(false));
            for (String key : List.of("brk", "mmap", "main")) {
                assertEquals(expected.get(key), actual.get(key), program.getFileName() + " " + key);
            }
            // The auxiliary vector has Linux's entries, so the stack variable sits at the very same address.
            assertEquals(expected.get("stack"), actual.get("stack"), program.getFileName() + " stack");
        }
    }
}
