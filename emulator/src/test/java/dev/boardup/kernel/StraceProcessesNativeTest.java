package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * --strace -o against strace -f -o for programs of two processes (strace_procs.c): fork and wait4, a pipe between
 * parent and child, a signal handler, a child killed by a signal, an ignored SIGCHLD that interrupts a sleep, a child that execs, vfork and exec.
 *
 * <p>Our scheduler is deterministic and not Linux's, so where two processes' lines legitimately interleave
 * differently the global order is not compared: each pid's own sequence of lines is, with every "<unfinished ...>"
 * line joined to its "<... NAME resumed>" line (strace splits a call whenever another pid prints in between, which
 * depends on that interleaving). Pids become p1, p2 in order of appearance, addresses "0x?", and the padding before
 * " = " is collapsed (a joined line keeps the resumed half's padding). The raw split lines are checked separately.
 */
class StraceProcessesNativeTest {
    @TempDir
    static Path dir;
    static Path exe;

    @BeforeAll
    static void build() throws Exception {
        exe = Guest.compile("strace_procs.c", dir);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"w, fork then wait4 for the child's exit", "p, a blocking read on a pipe the child writes",
        "s, a signal handler ends pause", "k, a child killed by SIGTERM in pause; SIGCHLD blocked, then unblocked", "n, SIGCHLD (ignored) interrupts a sleep that then restarts", "e, a child that execs",
        "v, vfork: the parent waits until the child has exec'd"})
    void eachProcessSeesWhatStraceShows(String mode, String what) throws Exception {
        String theirs = nativeTrace(mode);
        String ours = ourTrace(mode);
        assertEquals(perPid(theirs), perPid(ours), what + "\nnative:\n" + theirs + "\nours:\n" + ours);
    }

    /** The blocked parent's call is split as strace splits it, with its entry arguments before the break. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"w|wait4(<p2>,  <unfinished ...>|<... wait4 resumed>[{WIFEXITED(s) && "
        + "WEXITSTATUS(s) == 3}], 0, NULL) = <p2>", "p|read(3,  <unfinished ...>|<... read resumed>\"through the "
        + "pipe\", 32) = 16", "s|pause( <unfinished ...>|<... pause resumed>) = ? ERESTARTNOHAND (To be restarted if "
        + "no handler)", "v|vfork( <unfinished ...>|<... vfork resumed>) = <p2>",
        "n|nanosleep({tv_sec=0, tv_nsec=200000000},  <unfinished ...>|<... nanosleep resumed>NULL) = ? "
        + "ERESTART_RESTARTBLOCK (Interrupted by signal)"})
    void blockedCallIsSplitAsStraceSplitsIt(String mode, String unfinished, String resumed) throws Exception {
        for (String trace : List.of(nativeTrace(mode), ourTrace(mode))) {
            List<String> parent = split(trace).get("<p1>");
            assertTrue(parent.contains(unfinished) && parent.contains(resumed), String.join("\n", parent));
        }
    }

    private static String nativeTrace(String mode) throws Exception {
        Path log = dir.resolve("native-" + mode + ".txt");
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("strace", "-f", "-o", log.toString(), exe.toString(), mode));
        Guest.Result r = Guest.exec(cmd, dir, null);
        assumeTrue(r.status() == 0 && Files.exists(log), "strace cannot trace here: " + r.stderr());
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    private static String ourTrace(String mode) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).args(List.of(mode)).strace(true)
                .straceOutput(file));
        assertEquals(0, r.status(), r.stderr());
        return file.toString(StandardCharsets.ISO_8859_1);
    }

    /** Each pid's lines, split calls joined, pids and addresses masked and padding collapsed. */
    static Map<String, List<String>> perPid(String trace) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        split(trace).forEach((pid, lines) -> out.put(pid, join(lines)));
        return out;
    }

    /** Each pid's lines as printed, pids as p1, p2 (order of first appearance) and addresses masked. */
    static Map<String, List<String>> split(String trace) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String l : trace.lines().toList()) {
            names.putIfAbsent(l.substring(0, l.indexOf(' ')), "<p" + (names.size() + 1) + ">");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : trace.lines().toList()) {
            String pid = l.substring(0, l.indexOf(' '));
            String rest = l.substring(l.indexOf(' ')).stripLeading();
            for (var e : names.entrySet()) rest = rest.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
            rest = rest.replaceAll("0x[0-9a-f]+", "0x?").replaceAll("/\\* \\d+ vars? \\*/", "/* N vars */");
            out.computeIfAbsent(names.get(pid), p -> new ArrayList<>()).add(collapse(rest));
        }
        return out;
    }

    private static List<String> join(List<String> lines) {
        List<String> out = new ArrayList<>();
        String held = null;
        for (String l : lines) {
            if (l.endsWith(" <unfinished ...>")) {
                held = l.substring(0, l.length() - " <unfinished ...>".length());
            } else if (held != null && l.startsWith("<... ")) {
                out.add(collapse(held + l.substring(l.indexOf(" resumed>") + " resumed>".length())));
                held = null;
            } else {
                out.add(l);
            }
        }
        if (held != null) out.add(held + " <unfinished ...>");
        return out;
    }

    /** "call)    = result" becomes "call) = result": strace pads to a column counted from the line's start. */
    private static String collapse(String line) {
        return line.replaceAll("^(.*\\)) +(= .*)$", "$1 $2");
    }
}
