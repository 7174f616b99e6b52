package dev.boardup.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.Guest;
import dev.boardup.machine.Machine;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.Pte;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --trace-mmu's virtual addresses are the ones the page tables really translate, and its notation reads right. */
class MmuTracerTest {
    @TempDir
    Path dir;

    private static final Pattern LEAF = Pattern.compile(
            "\\[pid 1000\\] PT\\[(\\d+)\\] va 0x([0-9a-f]+) @0x([0-9a-f]+): (0|0x[0-9a-f]+) -> (0|0x[0-9a-f]+) .*");

    /** Replays every leaf write the trace shows and compares the result with the tables the run left behind. */
    @Test
    void everyTracedLeafIsWhereTheTablesMapIt() throws Exception {
        Path exe = Guest.compile("observed.c", dir);
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Machine m = Machine.builder().program(exe).root(dir).args(List.of("g"))
                .observer(new MmuTracer(new PrintStream(trace, true, StandardCharsets.UTF_8)))
                .streams(java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(),
                        java.io.OutputStream.nullOutputStream()).build();
        assertEquals(0, m.run());
        Map<Long, Long> last = new HashMap<>();
        int lines = 0;
        for (String line : trace.toString(StandardCharsets.UTF_8).lines().toList()) {
            Matcher l = LEAF.matcher(line);
            if (!l.matches()) continue;
            long va = Long.parseLong(l.group(2), 16);
            assertEquals(Long.parseLong(l.group(1)), (va >>> 12) & 511, "the index is the va's PT index");
            assertEquals(Long.parseLong(l.group(3), 16) & 0xFFF, 8 * ((va >>> 12) & 511));
            last.put(va, l.group(5).equals("0") ? 0 : Long.parseUnsignedLong(l.group(5).substring(2), 16));
            lines++;
        }
        assertTrue(lines > 500, "the stack alone maps 500 pages: " + lines);
        PageTables tables = m.kernel().addressSpace().tables();
        last.forEach((va, pte) -> {
            long now = tables.lookup(va);
            assertEquals(Pte.present(pte), Pte.present(now), "va 0x" + Long.toHexString(va));
            assertEquals(Pte.addr(pte), Pte.addr(now), "va 0x" + Long.toHexString(va));
        });
    }

    @Test
    void linesNameTheLevelTheFlagsAndWhatChanged() {
        long pte = Pte.make(0x6000, Pte.P | Pte.RW | Pte.US | Pte.A | Pte.D | Pte.NX);
        long cow = Pte.make(0x6000, Pte.P | Pte.US | Pte.A | Pte.D | Pte.COW | Pte.NX);
        assertEquals("[pid 7] PT[1] va 0x401000 @0x9008: 0 -> 0x8000000000006067 frame 0x6000 P RW US A D NX (new)",
                MmuTracer.line(7, 1, 1, 0x9008, 0x401000L, 0, pte));
        assertEquals("[pid 7] PT[1] va 0x401000 @0x9008: 0x8000000000006067 -> 0x8000000000006265 frame 0x6000 "
                + "P US A D COW NX (-RW +COW)", MmuTracer.line(7, 1, 1, 0x9008, 0x401000L, pte, cow));
        assertEquals("[pid 7] PT[1] va ? @0x9008: 0x8000000000006265 -> 0 (frame 0x6000 unmapped)",
                MmuTracer.line(7, 1, 1, 0x9008, null, cow, 0));
        assertEquals("[pid 7] PML4[511] va 0xffffff8000000000 @0x1ff8: 0 -> 0x3007 table 0x3000 P RW US (new)",
                traced(4, 0x1ff8, 0, Pte.make(0x3000, Pte.P | Pte.RW | Pte.US)));
    }

    private static String traced(int level, long entryAddress, long old, long e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MmuTracer tracer = new MmuTracer(new PrintStream(out, true, StandardCharsets.UTF_8));
        tracer.pageTableWrite(7, level, entryAddress, old, e);
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
