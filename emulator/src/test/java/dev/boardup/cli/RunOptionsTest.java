package dev.boardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.Guest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boardup run's layout and time options: --no-aslr, --seed, --realtime, and the --config listing. */
class RunOptionsTest {
    @TempDir
    Path dir;

    @Test
    void configListsTheMmSettingsForTheseOptions() {
        MainTest.Run on = MainTest.boardup("run", "--config");
        assertEquals(0, on.status(), on.err());
        assertSetting(on.out(), "kernel.randomize_va_space", "2");
        assertTrue(on.out().contains("RANDOMIZE on"), on.out());
        assertSetting(on.out(), "page_size", "4096");
        assertSetting(on.out(), "mem_total", "1073741824");
        assertSetting(on.out(), "vm.overcommit_memory", "0");
        assertSetting(on.out(), "rlimit.stack", "8388608");
        assertSetting(on.out(), "process_limit", "256");
        assertSetting(on.out(), "clock", "virtual");
        MainTest.Run off = MainTest.boardup("run", "--config", "--no-aslr", "--seed", "5", "--memory", "64M",
                "--realtime");
        assertSetting(off.out(), "kernel.randomize_va_space", "0");
        assertTrue(off.out().contains("RANDOMIZE off"), off.out());
        assertSetting(off.out(), "kernel.randomize_seed", "5");
        assertSetting(off.out(), "mem_total", "67108864");
        assertSetting(off.out(), "clock", "realtime");
    }

    @Test
    void runWithoutAProgramIsAUsageError() {
        MainTest.Run r = MainTest.boardup("run");
        assertEquals(Main.EXIT_USAGE, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void seedAndNoAslrReachTheGuest() throws Exception {
        Path exe = Guest.compileWithLibc("aslr.c", dir, true);
        MainTest.Run a = MainTest.boardup("run", "--seed", "11", exe.toString());
        MainTest.Run b = MainTest.boardup("run", "--seed", "11", exe.toString());
        MainTest.Run c = MainTest.boardup("run", "--seed", "12", exe.toString());
        assertEquals(0, a.status(), a.err());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
        MainTest.Run fixed1 = MainTest.boardup("run", "--no-aslr", exe.toString());
        MainTest.Run fixed2 = MainTest.boardup("run", "--no-aslr", exe.toString());
        assertEquals(fixed1.out().lines().filter(l -> !l.contains("random")).toList(),
                fixed2.out().lines().filter(l -> !l.contains("random")).toList());
        assertNotEquals(fixed1.out(), fixed2.out(), "without a seed the random bytes still differ");
    }

    /** The listing has the line "name = value   # meaning". */
    private static void assertSetting(String listing, String name, String value) {
        assertTrue(listing.lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(name) + " +=\\s"
                + java.util.regex.Pattern.quote(value) + " +# .*")), name + " = " + value + " in\n" + listing);
    }
}
