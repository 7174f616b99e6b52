package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.FaultRecord.Resolution;
import dev.boardup.machine.Machine;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.Pte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observer API: faults, system calls and page-table writes of every process reach a registered observer. */
class KernelObserverTest {
    @TempDir
    static Path dir;
    static Path exe;

    record TableWrite(int pid, int level, long entryAddress, long oldEntry, long newEntry) {}

    record Call(int pid, String name, long[] args, long result) {}

    /** Everything it hears, in order. */
    static final class Recorder implements KernelObserver {
        final List<FaultRecord> faults = new ArrayList<>();
        final List<Call> calls = new ArrayList<>();
        final List<TableWrite> writes = new ArrayList<>();

        @Override
        public void pageFault(FaultRecord fault) {
            faults.add(fault);
        }

        @Override
        public void syscall(int pid, String name, long[] args, long result) {
            calls.add(new Call(pid, name, args, result));
        }

        @Override
        public void pageTableWrite(int pid, int level, long entryAddress, long oldEntry, long newEntry) {
            writes.add(new TableWrite(pid, level, entryAddress, oldEntry, newEntry));
        }

        List<FaultRecord> faults(Resolution how) {
            return faults.stream().filter(f -> f.resolution() == how).toList();
        }
    }

    @BeforeAll
    static void build() throws Exception {
        exe = Guest.compile("observed.c", dir);
    }

    private static Recorder run(String what, int expectedStatus) throws Exception {
        Recorder r = new Recorder();
        // one layout for every run: under ASLR the number of page-table pages, and so every frame, varies
        Guest.Result res = Guest.runMachine(Machine.builder().program(exe).root(dir).args(List.of(what)).aslr(false)
                .observer(r));
        assertEquals(expectedStatus, res.status(), res.stderr());
        return r;
    }

    @Test
    void forkThenWriteCopiesInTheChildAndReusesInTheParent() throws Exception {
        Recorder r = run("c", 0);
        int parent = r.calls.get(0).pid(), child = parent + 1;
        List<FaultRecord> copies = r.faults(Resolution.COW_COPY).stream().filter(f -> f.pid() == child).toList();
        assertEquals(1, copies.size(), "the child writes one page: " + r.faults);
        FaultRecord copy = copies.get(0);
        assertEquals(PageFault.P | PageFault.W | PageFault.U, copy.errorCode());
        List<FaultRecord> reuses = r.faults(Resolution.COW_REUSE);
        assertTrue(reuses.stream().anyMatch(f -> f.pid() == parent && f.address() == copy.address() + 1),
                "the parent, last holder of the frame, writes it again: " + r.faults);
        assertTrue(r.calls.stream().anyMatch(c -> c.pid() == parent && c.name().equals("fork")
                && c.result() == child));
        assertTrue(r.calls.stream().anyMatch(c -> c.pid() == child && c.name().equals("exit")));
        assertTrue(r.calls.stream().anyMatch(c -> c.pid() == parent && c.name().equals("wait4")
                && c.result() == child));
    }

    @Test
    void forkMarksTheParentsWritablePagesCopyOnWriteInBothTables() throws Exception {
        Recorder r = run("c", 0);
        int parent = r.calls.get(0).pid(), child = parent + 1;
        long cowInParent = r.writes.stream().filter(w -> w.pid() == parent && w.level() == 1
                && (w.oldEntry() & Pte.RW) != 0 && (w.newEntry() & (Pte.RW | Pte.COW)) == Pte.COW).count();
        long cowInChild = r.writes.stream().filter(w -> w.pid() == child && w.level() == 1
                && w.oldEntry() == 0 && (w.newEntry() & Pte.COW) != 0).count();
        assertTrue(cowInParent > 0 && cowInParent == cowInChild, cowInParent + " vs " + cowInChild);
        assertTrue(r.writes.stream().anyMatch(w -> w.pid() == child && w.level() == 4), "the child's own PML4 entries");
    }

    @Test
    void deepRecursionGrowsTheStack() throws Exception {
        Recorder r = run("g", 0);
        List<FaultRecord> growth = r.faults(Resolution.STACK_GROWTH);
        assertFalse(growth.isEmpty(), r.faults.toString());
        for (FaultRecord f : growth) {
            assertEquals(PageFault.W | PageFault.U, f.errorCode(), "a push or store to a page not present");
            assertTrue(f.address() < AddressSpace.STACK_TOP - (128 << 10));
        }
    }

    @Test
    void wildPointerIsSigsegv() throws Exception {
        Recorder r = run("s", 128 + 11);
        FaultRecord last = r.faults.get(r.faults.size() - 1);
        assertEquals(new FaultRecord(r.calls.isEmpty() ? last.pid() : r.calls.get(0).pid(), last.rip(), 0x1000,
                PageFault.W | PageFault.U, Resolution.SIGSEGV), last);
        assertTrue(r.calls.isEmpty(), "no system call before the wild write: " + r.calls);
        assertTrue(r.faults(Resolution.ZERO_FILL).size() + r.faults(Resolution.FILE_PAGE).size() > 0,
                "the program's own pages came in on demand first");
    }

    @Test
    void faultsAHandlerCatchesAreReportedAsSuch() throws Exception {
        Path exe = Guest.compileWithLibc("signals.c", dir, false);
        Recorder r = new Recorder();
        Guest.Result res = Guest.runMachine(Machine.builder().program(exe).root(dir).observer(r));
        assertTrue(res.stdout().contains("si_addr is the page + 12: 1"), res.stdout());
        List<FaultRecord> caught = r.faults(Resolution.SIGNAL_HANDLER);
        assertEquals(2, caught.size(), r.faults.toString());
        assertEquals(12, caught.get(0).address() & 0xFFF, "the write into the read-only page");
        assertEquals(PageFault.W | PageFault.U, caught.get(0).errorCode());
        assertEquals(16, caught.get(1).address());
        List<FaultRecord> fatal = r.faults(Resolution.SIGSEGV);
        assertEquals(1, fatal.size(), "the child that reset SIGSEGV to SIG_DFL: " + fatal);
        assertEquals(8, fatal.get(0).address());
        assertTrue(fatal.get(0).pid() != caught.get(0).pid(), "in the child, not the parent");
    }

    @Test
    void anObserverAddedLaterHearsOnlyWhatFollows() throws Exception {
        Recorder early = run("s", 128 + 11);
        Recorder r = new Recorder();
        Machine m = Machine.builder().program(exe).root(dir).args(List.of("s")).aslr(false)
                .streams(java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(),
                        java.io.OutputStream.nullOutputStream()).build();
        m.addObserver(r);
        m.run();
        assertTrue(r.writes.size() < early.writes.size(), "exec's writes came before the observer");
        assertEquals(early.writes.subList(early.writes.size() - r.writes.size(), early.writes.size()), r.writes);
        assertEquals(early.faults.subList(early.faults.size() - r.faults.size(), early.faults.size()), r.faults);
    }
}
