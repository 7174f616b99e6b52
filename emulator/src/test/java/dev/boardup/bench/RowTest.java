package dev.boardup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics of a row and the Markdown table's shape. */
class RowTest {
    static Measurement run(double seconds, long instructions) {
        return new Measurement(0, "", "", seconds, instructions, 0, 90, 10, 5);
    }

    @Test
    void medianSpreadAndRatios() {
        Row r = new Row("b", "gcc", "interpreter");
        r.runs.addAll(List.of(run(3, 300_000_000), run(1, 100_000_000), run(2, 200_000_000)));
        r.ratios.addAll(List.of(30.0, 10.0, 40.0));
        assertEquals(2.0, r.medianSeconds());
        assertEquals(0.5, r.spread());
        assertEquals(30.0, r.medianRatio());
        assertEquals(100.0, r.mips(), 1e-9);
        assertTrue(Double.isNaN(r.cpuMips()), "no CPU time measured");
        Row cpu = new Row("b", "gcc", "interpreter");
        cpu.runs.add(new Measurement(0, "", "", 4, 200_000_000, 0, 0, 0, 0, 2));
        assertEquals(100.0, cpu.cpuMips(), 1e-9);
        assertEquals(50.0, cpu.mips(), 1e-9);
        assertEquals(0.9, r.tlbHitRate(), 1e-12);
        assertEquals(2.5, Row.median(new double[] {4, 1, 2, 3}));
        assertTrue(Double.isNaN(new Row("b", "gcc", "native").medianRatio()));
    }

    @Test
    void markdownRowsHaveOneCellPerHeader() {
        Row ok = new Row("b", "gcc", "truffle");
        ok.runs.add(run(1, 10));
        Row bad = new Row("b", "boardup-cc", "-");
        bad.fail("build failed: a | b");
        String md = Table.markdown(List.of(ok, bad));
        List<String> lines = md.lines().toList();
        assertEquals(4, lines.size());
        for (String line : lines) {
            assertEquals(Table.HEADER.size() + 1, line.split("(?<!\\\\)\\|", -1).length - 1, line);
        }
        assertTrue(lines.get(3).contains("FAIL: build failed: a \\| b"), md);
    }
}
