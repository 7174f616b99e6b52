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
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --strace and its -e trace= filters against strace -f itself, on one gcc-built static program making a few calls
 * of each class (brk, mmap, mprotect, write, openat, close, getpid, munmap, exit). Addresses (hex numbers) and
 * pids are masked: the host places the stack and the mmap area differently.
 */
class StraceFilterNativeTest {
    @TempDir
    static Path dir;
    static Path exe;

    @BeforeAll
    static void build() throws Exception {
        exe = Guest.compile("strace_me.c", dir);
    }

    @Test
    void wholeTraceIsStraces() throws Exception {
        String ours = ours(StraceFilter.ALL);
        assertTrue(ours.contains("brk(NULL)") && ours.contains("mmap(NULL, 8192, PROT_READ|PROT_WRITE")
                && ours.contains("+++ exited with 0 +++"), ours);
        assertEquals(mask(strace(List.of())), mask(ours));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace=brk,mmap", "trace=%memory", "trace=!write", "t=%desc", "trace=%file",
        "trace=%process", "trace=%pure", "trace=/^m", "trace=none", "trace=?no_such_call,write", "trace=all",
        "trace=!%memory,close", "trace=mmap@64", "munmap"})
    void filterShowsWhatStracesFilterShows(String expression) throws Exception {
        String ours = ours(StraceFilter.parse(List.of(expression)));
        assertEquals(mask(strace(List.of("-e", expression))), mask(ours), expression);
    }

    /** -e signal=: which "--- SIG" and "+++ killed by" lines a program killed by SIGSEGV shows. */
    @ParameterizedTest
    @ValueSource(strings = {"signal=none", "signal=SIGSEGV", "signal=segv", "signal=11", "signal=!SIGSEGV", "s=all",
        "signals=SIGCHLD"})
    void signalFilterShowsWhatStracesShows(String expression) throws Exception {
        Path killed = Guest.compile("observed.c", dir);
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("strace", "-f", "-e", expression, killed.toString(), "s"));
        Guest.Result nat = Guest.exec(cmd, dir, null);
        assumeTrue(nat.stderr().startsWith("execve("), "strace cannot trace here: " + nat.stderr());
        Guest.Result ours = Guest.runMachine(Machine.builder().program(killed).root(dir).args(List.of("s"))
                .strace(true).straceFilter(StraceFilter.parse(List.of(expression))));
        assertEquals(128 + 11, ours.status());
        String oursTrace = ours.stderr().lines().filter(l -> !l.startsWith("Segmentation fault"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals(mask(nat.stderr()), mask(oursTrace), expression);
    }

    @Test
    void lastTraceExpressionWins() throws Exception {
        List<String> exprs = List.of("trace=brk", "trace=write");
        String theirs = strace(List.of("-e", exprs.get(0), "-e", exprs.get(1)));
        assertEquals(mask(theirs), mask(ours(StraceFilter.parse(exprs))));
    }

    /** strace -f -o FILE prefixes every line with the pid; so do we with an output of our own. */
    @Test
    void outputFileHasStracesPidColumn() throws Exception {
        Path log = dir.resolve("native-o.txt");
        strace(List.of("-o", log.toString(), "-e", "trace=%memory,write"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).strace(true)
                .straceFilter(StraceFilter.parse(List.of("trace=%memory,write"))).straceOutput(file));
        assertEquals("", r.stderr(), "the trace went to the file");
        String ours = file.toString(StandardCharsets.ISO_8859_1);
        assertTrue(ours.startsWith("1000  brk(NULL)"), ours);
        assertEquals(mask(Files.readString(log, StandardCharsets.ISO_8859_1)), mask(ours));
    }

    @Test
    void unknownNamesAndClassesAreRefusedAsStraceRefusesThem() {
        for (String bad : new String[] {"trace=no_such_call", "trace=%nonsense", "signal=SIGFOO", "signal=65"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> StraceFilter.parse(List.of(bad)));
            String what = bad.startsWith("signal") ? "signal" : "system call";
            assertEquals("invalid " + what + " '" + bad.substring(bad.indexOf('=') + 1) + "'", e.getMessage());
        }
    }

    private static String ours(StraceFilter filter) throws Exception {
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).strace(true).straceFilter(filter));
        assertEquals(0, r.status(), r.stderr());
        assertEquals("hello from strace_me\n", r.stdout());
        return r.stderr();
    }

    /** strace -f with {@code options} on the program; its trace (stderr, or the -o file's caller reads it). */
    private static String strace(List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("strace", "-f"));
        cmd.addAll(options);
        cmd.add(exe.toString());
        Guest.Result r = Guest.exec(cmd, dir, null);
        assumeTrue(r.status() == 0 && r.stdout().equals("hello from strace_me\n"),
                "strace cannot trace here (ptrace not permitted?): " + r.stderr());
        return r.stderr();
    }

    /**
     * Addresses become "0x?" and pids "<pid>"; where an address stood in the call, strace's padding to the result
     * column (which depends on the address's length) is collapsed. Other lines keep their exact alignment.
     */
    static String mask(String trace) {
        return trace.lines()
                .map(l -> {
                    String m = l.replaceAll("0x[0-9a-f]+", "0x?").replaceAll("^\\d+ +", "<pid>  ")
                            .replaceAll("^(<pid>  )?(getpid\\(\\) += )\\d+", "$1$2<pid>");
                    int eq = m.lastIndexOf(" = ");
                    return eq > 0 && m.substring(0, eq).contains("0x?")
                            ? m.substring(0, eq).stripTrailing() + m.substring(eq) : m;
                })
                .collect(Collectors.joining("\n"));
    }
}
