package dev.boardup.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/PERFORMANCE.md names the command that wrote it, says where each goal stands, and marks a --quick run. */
class ReportTest {
    @Test
    void reportNamesItsCommandGoalsAndQuickness() {
        Row r = new Row("fib", Build.GCC, "interpreter");
        r.runs.add(new Measurement(0, "", "", 2, 100_000_000, 0, 0, 0, 0, 1));
        EndToEnd.Result hello = new EndToEnd.Result(0.2, 0.25, 0.001, null);
        String md = Report.markdown(List.of(r), hello, "./boardup bench --quick --write-report", true,
                List.of("interpreter"), null);
        assertTrue(md.contains("Written by `./boardup bench --quick --write-report` on "), md);
        assertTrue(md.contains("**A --quick run**"), md);
        assertTrue(md.contains("## Goals (issue #7)\n\n- interpreter against qemu: no gcc build ran ok on both"), md);
        assertTrue(md.contains("- interpreter speed (goal: at least 50 M guest instructions/s; fileio, which waits "
                + "on host I/O, left out): slowest fib (gcc) at 100 M/s of CPU time (50 M/s of wall time): met"), md);
        assertTrue(md.contains("- hello world end to end (goal: at most 300 ms, then 150 ms): 200 ms: met (not yet "
                + "the 150 ms)"), md);
        assertTrue(md.contains("./boardup run 0.200 s (native: 0.0010 s); ./boardup cc 0.250 s"), md);
    }
}
