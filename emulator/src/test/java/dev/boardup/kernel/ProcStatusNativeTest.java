package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /proc/self/status and /proc/meminfo against this machine's Linux (randomisation off on both sides): the same
 * fields in the same order and format, the same sizes where they follow from the address space (VmSize, VmData,
 * VmStk, VmExe, VmLib, VmPeak, the signal masks), and the same behaviour of the resident counts around a touched
 * and unmapped 1 MiB mapping. Resident file pages differ by design (Linux maps file pages around a fault, we map
 * only the page touched), so RSS is compared by its changes.
 */
class ProcStatusNativeTest {
    @TempDir
    static Path dir;
    static Map<String, Map<String, String>> nat, ours;

    @BeforeAll
    static void run() throws Exception {
        Path exe = Guest.compileWithLibc("status.c", dir, false);
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("setarch", "-R", exe.toString()));
        Guest.Result n = Guest.exec(cmd, dir, null);
        assumeTrue(n.status() == 0, "setarch -R does not work here: " + n.stderr());
        Guest.Result o = Guest.runMachine(Machine.builder().program(exe).root(dir).aslr(false).memoryBytes(64L << 20));
        assertEquals(0, o.status(), o.stderr());
        nat = sections(n.stdout());
        ours = sections(o.stdout());
    }

    /** "== mark" starts a section of "Name:<tab or spaces>value" lines. */
    private static Map<String, Map<String, String>> sections(String out) {
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith("== ")) {
                current = new LinkedHashMap<>();
                s.put(line.substring(3), current);
            } else {
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return s;
    }

    private static long kb(Map<String, Map<String, String>> run, String section, String field) {
        return Long.parseLong(run.get(section).get(field).replace("kB", "").trim());
    }

    @Test
    void statusHasLinuxsFieldsInLinuxsOrderAndFormat() {
        for (String section : List.of("start", "touched", "unmapped")) {
            assertEquals(List.copyOf(nat.get(section).keySet()), List.copyOf(ours.get(section).keySet()));
            for (Map.Entry<String, String> e : nat.get(section).entrySet()) {
                String shape = e.getValue().replaceAll("[0-9a-f]", "0");
                if (e.getKey().startsWith("Vm") || e.getKey().startsWith("Rss")) {
                    assertEquals(shape.length(), ours.get(section).get(e.getKey()).length(), e.getKey());
                }
            }
        }
    }

    @Test
    void sizesThatFollowFromTheAddressSpaceAreLinuxs() {
        for (String section : List.of("start", "touched", "unmapped")) {
            for (String field : List.of("Name", "Umask", "State", "Uid", "Gid", "FDSize", "VmPeak", "VmSize", "VmLck", "VmData",
                    "VmStk", "VmExe", "VmLib", "VmSwap", "Threads", "SigPnd", "SigBlk", "SigCgt")) {
                assertEquals(nat.get(section).get(field), ours.get(section).get(field), section + " " + field);
            }
            // a native child of the JVM inherits SIG_IGN for glibc's internal signals 32 and 33: only 1-31 compare
            assertEquals(Long.parseLong(nat.get(section).get("SigIgn").strip(), 16) & 0x7FFF_FFFFL,
                    Long.parseLong(ours.get(section).get("SigIgn").strip(), 16), section + " SigIgn");
        }
    }

    @Test
    void residentCountsMoveAsLinuxs() {
        for (Map<String, Map<String, String>> run : List.of(nat, ours)) {
            long grown = kb(run, "touched", "RssAnon") - kb(run, "start", "RssAnon");
            assertTrue(grown >= 1024 && grown <= 1024 + 64, "touching 1 MiB adds 1 MiB of anonymous pages: " + grown);
            // Linux's counters are per-CPU caches that lag by a page or so
            assertTrue(Math.abs(kb(run, "start", "RssAnon") - kb(run, "unmapped", "RssAnon")) <= 16,
                    "munmap gives them back");
            for (String section : List.of("start", "touched", "unmapped")) {
                assertEquals(kb(run, section, "VmRSS"), kb(run, section, "RssAnon") + kb(run, section, "RssFile"));
            }
            assertTrue(kb(run, "unmapped", "VmHWM") >= kb(run, "unmapped", "VmRSS") + 800, "the high-water mark stays");
            assertEquals(kb(run, "touched", "VmSize"), kb(run, "unmapped", "VmPeak"));
        }
    }

    @Test
    void meminfoHasLinuxsFieldsAndTheGuestsMemory() {
        assertEquals(List.copyOf(nat.get("meminfo").keySet()), List.copyOf(ours.get("meminfo").keySet()));
        assertEquals(64 * 1024, kb(ours, "meminfo", "MemTotal"));
        long free = kb(ours, "meminfo", "MemFree");
        assertTrue(free > 0 && free < 64 * 1024);
        for (Map<String, Map<String, String>> run : List.of(nat, ours)) {
            run.get("meminfo").forEach((name, value) -> {
                // "Name:" padded to 16 columns, the number right-aligned in at least 8, then " kB" or nothing
                String number = value.replace(" kB", "").strip();
                int width = 16 + Math.max(8, number.length()) + (value.endsWith(" kB") ? 3 : 0);
                assertEquals(width, name.length() + 1 + value.length(), "columns of " + name);
            });
        }
    }

    @Test
    void anotherProcessesStatusIsThere(@TempDir Path tmp) throws Exception {
        Path exe = Guest.compileWithLibc("parentstatus.c", tmp, false);
        Guest.Result n = Guest.runNative(exe, tmp), o = Guest.runMachine(exe, tmp);
        assertEquals(0, n.status(), n.stderr());
        assertTrue(n.stdout().contains("parent State:\tS (sleeping)\nparent Pid my parent"), n.stdout());
        assertEquals(n.stdout(), o.stdout());
    }

    @Test
    void mmSysctlsSayWhatTheKernelDoes(@TempDir Path tmp) throws Exception {
        Path exe = Guest.compileWithLibc("sysctl.c", tmp, false);
        Guest.Result n = Guest.runNative(exe, tmp), o = Guest.runMachine(exe, tmp);
        Guest.Result fixed = Guest.runMachine(Machine.builder().program(exe).root(tmp).aslr(false));
        assertEquals(0, o.status(), o.stderr());
        assertEquals(n.stdout(), o.stdout());
        assertTrue(o.stdout().startsWith("/proc/sys/kernel/randomize_va_space 2\n"), o.stdout());
        assertTrue(fixed.stdout().startsWith("/proc/sys/kernel/randomize_va_space 0\n"), fixed.stdout());
    }
}
