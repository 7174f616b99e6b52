package dev.boardup.cli;

import static dev.boardup.cli.MainTest.boardup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run --trace-faults, --trace-mmu, --stats and the strace options, on programs whose faults are known. */
class TraceOptionsTest {
    @TempDir
    static Path dir;
    static String observed, straceMe;

    private static final Pattern FAULT = Pattern.compile(
            "\\[pid (\\d+)\\] #PF 0x([0-9a-f]+) rip 0x[0-9a-f]+: (.*) \\(error 0x([0-9a-f]+) = ([A-Z|0]+)\\) -> (.*)");
    private static final Pattern PTE = Pattern.compile(
            "\\[pid (\\d+)\\] (PML4|PDPT|PD|PT)\\[(\\d+)\\] va 0x([0-9a-f]+) @0x[0-9a-f]+: (0|0x[0-9a-f]+) -> "
                    + "(0|0x[0-9a-f]+) (.*)");

    @BeforeAll
    static void build() throws Exception {
        observed = Guest.compile("observed.c", dir).toString();
        straceMe = Guest.compile("strace_me.c", dir).toString();
    }

    private static List<Matcher> matches(Pattern p, String text) {
        return text.lines().map(p::matcher).filter(Matcher::matches).toList();
    }

    @Test
    void copyOnWriteFaultsAfterForkAndWrite() {
        MainTest.Run r = boardup("run", "--trace-faults", observed, "c");
        assertEquals(0, r.status(), r.err());
        assertEquals("parent kept its page\n", r.out());
        List<Matcher> faults = matches(FAULT, r.err());
        Matcher copy = faults.stream().filter(m -> m.group(6).equals("COW copy") && m.group(1).equals("1001"))
                .filter(m -> m.group(3).equals("user write, protection")).findFirst().orElseThrow(
                        () -> new AssertionError("no COW copy in the child:\n" + r.err()));
        assertEquals("7", copy.group(4));
        assertEquals("P|W|U", copy.group(5));
        long page = Long.parseLong(copy.group(2), 16);
        assertTrue(faults.stream().anyMatch(m -> m.group(1).equals("1000") && m.group(6).equals("COW reuse")
                && Long.parseLong(m.group(2), 16) == page + 1), "the parent, the frame's last holder, reuses it");
    }

    @Test
    void deepRecursionFaultsAreStackGrowth() {
        MainTest.Run r = boardup("run", "--trace-faults", observed, "g");
        assertEquals(0, r.status(), r.err());
        List<Matcher> growth = matches(FAULT, r.err()).stream().filter(m -> m.group(6).equals("stack growth"))
                .toList();
        assertTrue(growth.size() > 400, "2 MiB of frames below the initial 128 KiB: " + growth.size());
        long previous = Long.MAX_VALUE;
        for (Matcher m : growth) {
            assertEquals("user write, not present", m.group(3));
            long at = Long.parseLong(m.group(2), 16);
            assertTrue(at < previous, "the stack grows down, a page at a time");
            previous = at;
        }
    }

    @Test
    void wildPointerFaultIsSigsegv() {
        MainTest.Run r = boardup("run", "--trace-faults", observed, "s");
        assertEquals(128 + 11, r.status());
        List<String> lines = r.err().lines().toList();
        Matcher last = matches(FAULT, r.err()).getLast();
        assertEquals("1000 4096 user write, not present 6 W|U SIGSEGV", String.join(" ", last.group(1),
                String.valueOf(Long.parseLong(last.group(2), 16)), last.group(3), last.group(4), last.group(5),
                last.group(6)));
        assertTrue(lines.getLast().startsWith("Segmentation fault at 0x1000"), r.err());
    }

    /** The child's first write: its COW page unmapped, then a new private frame mapped writable at the same va. */
    @Test
    void mmuTraceShowsForkMarkingAndTheCopy() {
        MainTest.Run r = boardup("run", "--trace-faults", "--trace-mmu", observed, "c");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        int copyAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FAULT.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals("1001") && m.group(6).equals("COW copy")) {
                copyAt = i;
                break;
            }
        }
        assertTrue(copyAt >= 2, r.err());
        String va = Long.toHexString(Long.parseLong(FAULT.matcher(lines.get(copyAt)).results().findFirst()
                .orElseThrow().group(2), 16) & ~0xFFFL);
        Matcher unmap = PTE.matcher(lines.get(copyAt - 2)), map = PTE.matcher(lines.get(copyAt - 1));
        assertTrue(unmap.matches() && map.matches(), lines.get(copyAt - 2) + "\n" + lines.get(copyAt - 1));
        assertEquals(List.of("1001", "PT", va, "0"), List.of(unmap.group(1), unmap.group(2), unmap.group(4),
                unmap.group(6)));
        assertTrue(unmap.group(7).endsWith("unmapped)"), unmap.group(7));
        assertEquals(List.of("1001", "PT", va, "0"), List.of(map.group(1), map.group(2), map.group(4),
                map.group(5)));
        assertTrue(map.group(7).contains(" RW ") && !map.group(7).contains("COW") && map.group(7).endsWith("(new)"),
                map.group(7));
        assertNotEquals(frame(unmap.group(5)), frame(map.group(6)), "a copy in a frame of its own");
        String parentMarks = "[pid 1000] PT[";
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(parentMarks) && l.contains(" va 0x" + va + " ")
                && l.endsWith("(-RW +COW)")), "fork made the parent's page read-only COW");
    }

    private static long frame(String entry) {
        return Long.parseUnsignedLong(entry.substring(2), 16) & 0x000F_FFFF_FFFF_F000L;
    }

    @Test
    void statsCountEveryProcess() {
        MainTest.Run r = boardup("run", "--stats", observed, "c");
        assertEquals(0, r.status(), r.err());
        Map<String, Long> syscalls = section(r.err(), "syscalls:");
        assertEquals(Map.of("fork", 1L, "wait4", 1L, "write", 1L, "exit", 2L), syscalls, r.err());
        assertEquals(5L, total(r.err(), "syscalls:"));
        Map<String, Long> faults = section(r.err(), "page faults:");
        assertTrue(faults.get("COW copy") >= 1 && faults.get("COW reuse") >= 1, r.err());
        assertEquals(faults.values().stream().mapToLong(Long::longValue).sum(), total(r.err(), "page faults:"));
        Matcher tlb = Pattern.compile("TLB: +(\\d+) hits, (\\d+) misses").matcher(r.err());
        assertTrue(tlb.find() && Long.parseLong(tlb.group(1)) > Long.parseLong(tlb.group(2)), r.err());
        assertTrue(r.err().contains("instructions:  "), r.err());
    }

    @Test
    void statsPeakRssFollowsTheStack() {
        MainTest.Run r = boardup("run", "--stats", observed, "g");
        assertEquals(0, r.status(), r.err());
        assertTrue(section(r.err(), "page faults:").get("stack growth") > 400, r.err());
        Matcher rss = Pattern.compile("peak RSS: +(\\d+) KiB \\(pid 1000\\)").matcher(r.err());
        Matcher mem = Pattern.compile("peak memory: +(\\d+) KiB").matcher(r.err());
        assertTrue(rss.find() && mem.find(), r.err());
        long kib = Long.parseLong(rss.group(1));
        assertTrue(kib >= 2048 && kib <= Long.parseLong(mem.group(1)), r.err());
    }

    @Test
    void straceFilterAndOutputFile() throws Exception {
        Path log = dir.resolve("trace.txt");
        MainTest.Run r = boardup("run", "-o", log.toString(), "-e", "trace=write,%process", straceMe);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.getFirst().startsWith("1000  execve(\"" + straceMe + "\", "), "execve is %process");
        assertEquals(List.of("1000  write(1, \"hello from strace_me\\n\", 21) = 21",
                "1000  exit(0)                           = ?", "1000  +++ exited with 0 +++"),
                lines.subList(1, lines.size()));
    }

    /** strace -f's prefix on stderr: "[pid  N] " while more than one process lives, none otherwise. */
    @Test
    void straceMarksLinesWithThePidWhileTwoProcessesLive() {
        MainTest.Run r = boardup("run", "--strace", observed, "c");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.contains(String.format("%-39s = 1001", "[pid  1000] fork()")), r.err());
        assertTrue(lines.contains(String.format("%-39s = ?", "[pid  1001] exit(0)")), r.err());
        assertTrue(lines.contains("[pid  1001] +++ exited with 0 +++"), r.err());
        assertTrue(lines.getFirst().startsWith("execve("), r.err());
        assertTrue(lines.getLast().equals("+++ exited with 0 +++"), "the parent alone again: " + r.err());
    }

    @Test
    void badStraceOptionsAreOneLineUsageErrors() {
        MainTest.Run bad = boardup("run", "--strace", "-e", "trace=nope", straceMe);
        assertEquals(Main.EXIT_USAGE, bad.status());
        assertEquals("boardup: invalid system call 'nope'\n", bad.err());
        MainTest.Run unwritable = boardup("run", "-o", dir.resolve("no/such/dir/t.txt").toString(), straceMe);
        assertEquals(Main.EXIT_USAGE, unwritable.status());
        assertTrue(unwritable.err().startsWith("boardup: ") && unwritable.err().contains("cannot write the trace"),
                unwritable.err());
        assertFalse(unwritable.out().contains("hello"), "the program did not run");
    }

    /** The "  name   N" lines under a heading of the --stats report. */
    private static Map<String, Long> section(String report, String heading) {
        Map<String, Long> out = new TreeMap<>();
        boolean in = false;
        for (String line : report.lines().toList()) {
            if (line.startsWith(heading)) {
                in = true;
            } else if (in && line.startsWith("  ")) {
                int cut = line.lastIndexOf(' ');
                out.put(line.substring(0, cut).strip(), Long.parseLong(line.substring(cut + 1)));
            } else if (in) {
                break;
            }
        }
        return out;
    }

    private static long total(String report, String heading) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(heading) + " +(\\d+)$").matcher(report);
        assertTrue(m.find(), report);
        return Long.parseLong(m.group(1));
    }
}
