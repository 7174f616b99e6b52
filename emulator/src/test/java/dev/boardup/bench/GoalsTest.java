package dev.boardup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The goals' arithmetic: geomeans against qemu, the worst pairwise ratio, the slowest interpreter benchmark. */
class GoalsTest {
    static Row row(String benchmark, String runner, double... seconds) {
        Row r = new Row(benchmark, Build.GCC, runner);
        for (double s : seconds) {
            r.runs.add(new Measurement(0, "", "", s, runner.equals("qemu") ? 0 : (long) (s * 40e6), 0, 0, 0, 0));
            r.ratios.add(s); // native takes 1 s in every round
        }
        return r;
    }

    @Test
    void geomeanAndWorstAreAgainstQemuRoundByRound() {
        List<Row> rows = List.of(row("a", "interpreter", 2, 8), row("a", "qemu", 1, 2),
                row("b", "interpreter", 8, 8), row("b", "qemu", 1, 1));
        // geomean of medians: interpreter sqrt(5 * 8) = 6.3, qemu sqrt(1.5 * 1) = 1.2; worst: b at 8x qemu
        String line = Goals.againstQemu(rows, "interpreter");
        assertTrue(line.startsWith("interpreter against qemu (2 gcc builds): geomean 6.3x native vs qemu's 1.2x: "
                + "not met; worst b at 8.0x qemu (goal: at most 2x): not met"), line);
        assertEquals(3.0, Goals.pairedRatio(rows.get(0), rows.get(1)), 1e-12); // rounds: 2/1 and 8/2
    }

    @Test
    void interpreterSpeedIsTheSlowestComputeBoundBenchmark() {
        Row slow = row("a", "interpreter", 1);
        slow.runs.set(0, new Measurement(0, "", "", 1, 30_000_000, 0, 0, 0, 0));
        Row io = row("fileio", "interpreter", 1);
        io.runs.set(0, new Measurement(0, "", "", 1, 1_000_000, 0, 0, 0, 0));
        String line = Goals.interpreterSpeed(List.of(row("b", "interpreter", 1), slow, io));
        assertTrue(line.endsWith("slowest a (gcc) at 30 M/s of wall time (30 M/s of wall time): not met"), line);
        Row loaded = row("c", "interpreter", 1); // a busy machine: 40 M/s of wall time, 80 M/s of CPU time
        loaded.runs.set(0, new Measurement(0, "", "", 1, 40_000_000, 0, 0, 0, 0, 0.5));
        assertTrue(Goals.interpreterSpeed(List.of(loaded)).endsWith("at 80 M/s of CPU time (40 M/s of wall time): "
                + "met"), Goals.interpreterSpeed(List.of(loaded)));
    }

    @Test
    void helloWorldAgainstBothThresholds() {
        assertTrue(Goals.helloWorld(new EndToEnd.Result(0.120, 0.2, 0.001, null)).endsWith("120 ms: met, both"));
        assertTrue(Goals.helloWorld(new EndToEnd.Result(0.250, 0.2, 0.001, null))
                .endsWith("250 ms: met (not yet the 150 ms)"));
        assertTrue(Goals.helloWorld(new EndToEnd.Result(0.4, 0.2, 0.001, null)).endsWith("400 ms: not met"));
        assertTrue(Goals.helloWorld(null).contains("not measured"));
    }
}
