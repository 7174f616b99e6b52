package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** strace's -e trace= sets, and the syscall names by number, checked against the host's own header. */
class StraceFilterTest {
    private static boolean traces(String expression, String name) {
        return StraceFilter.parse(List.of(expression)).traces(name);
    }

    @Test
    void namesByNumberAreLinuxs() throws Exception {
        Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        assumeTrue(Files.exists(header), "no kernel headers on this host");
        Matcher m = Pattern.compile("(?m)^#define __NR_(\\w+) (\\d+)$").matcher(Files.readString(header));
        int checked = 0;
        while (m.find()) {
            assertEquals(m.group(1), StraceFilter.nameOf(Long.parseLong(m.group(2))));
            checked++;
        }
        assertTrue(checked > 350, "header parsed: " + checked);
        assertEquals("syscall_335", StraceFilter.nameOf(335));
        assertEquals("syscall_-1", StraceFilter.nameOf(-1));
        assertEquals("syscall_100000", StraceFilter.nameOf(100000));
    }

    @Test
    void classesNegationAndSuffixes() {
        assertTrue(traces("%memory", "mmap") && traces("memory", "brk") && !traces("%memory", "write"));
        assertTrue(traces("%net", "socket") && traces("%network", "connect"));
        assertTrue(traces("!%file", "write") && !traces("!%file", "openat"));
        assertTrue(traces("!write", "syscall_999"), "a negated set shows what nobody names");
        assertTrue(traces("all", "syscall_999") && !traces("!all", "write") && !traces("none", "write"));
        assertTrue(traces("mmap@64", "mmap") && !traces("mmap@32", "mmap"));
        assertTrue(traces("%%stat", "newfstatat") && traces("%fstat", "statx") && !traces("%stat", "fstat"));
        assertFalse(traces("?nope", "nope"));
        assertTrue(traces("/^rt_sig", "rt_sigaction") && !traces("/^rt_sig", "kill"));
    }

    @Test
    void badExpressionsSayWhat() {
        assertEquals("invalid system call 'nope'", assertThrows(IllegalArgumentException.class,
                () -> StraceFilter.parse(List.of("trace=nope"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StraceFilter.parse(List.of("trace=/(")))
                .getMessage().startsWith("invalid regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StraceFilter.parse(List.of("verbose=all")))
                .getMessage().contains("verbose="));
    }
}
