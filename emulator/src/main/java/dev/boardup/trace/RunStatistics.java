package dev.boardup.trace;

import dev.boardup.kernel.FaultRecord;
import dev.boardup.kernel.KernelObserver;
import dev.boardup.machine.Machine;
import dev.boardup.memory.Pte;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * --stats: counts what every process of the machine did (page faults by resolution, system calls by name) and
 * follows each process's resident set (its present user pages, from its page-table writes) to report the peak,
 * then prints them beside the machine's own counters at exit.
 */
public final class RunStatistics implements KernelObserver {
    private final Map<FaultRecord.Resolution, Long> faults = new EnumMap<>(FaultRecord.Resolution.class);
    private final Map<String, Long> syscalls = new TreeMap<>();
    private final Map<Integer, Long> residentPages = new HashMap<>();
    private long peakPages;
    private int peakPid;

    @Override
    public void pageFault(FaultRecord fault) {
        faults.merge(fault.resolution(), 1L, Long::sum);
    }

    @Override
    public void syscall(int pid, String name, long[] args, long result) {
        syscalls.merge(name, 1L, Long::sum);
    }

    @Override
    public void pageTableWrite(int pid, int level, long entryAddress, long oldEntry, long newEntry) {
        if (level != 1 || Pte.present(oldEntry) == Pte.present(newEntry)) return;
        long pages = residentPages.merge(pid, Pte.present(newEntry) ? 1L : -1L, Long::sum);
        if (pages > peakPages) {
            peakPages = pages;
            peakPid = pid;
        }
    }

    public Map<FaultRecord.Resolution, Long> faultsByResolution() {
        return Map.copyOf(faults);
    }

    public Map<String, Long> syscallsByName() {
        return Map.copyOf(syscalls);
    }

    /** The largest resident set any one process had, in bytes (what getrusage's ru_maxrss measures, in KiB). */
    public long peakResidentBytes() {
        return peakPages * 4096;
    }

    /** The report --stats prints. */
    public String format(Machine.Stats s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("engine:        %s%n", s.engine()));
        sb.append(String.format("instructions:  %d%n", s.instructions()));
        sb.append(String.format("syscalls:      %d%n", total(syscalls)));
        syscalls.forEach((name, n) -> sb.append(String.format("  %-20s %d%n", name, n)));
        sb.append(String.format("page faults:   %d%n", total(faults)));
        faults.forEach((how, n) -> sb.append(String.format("  %-20s %d%n", FaultTracer.resolution(how), n)));
        long lookups = s.tlbHits() + s.tlbMisses();
        sb.append(String.format("TLB:           %d hits, %d misses (%.2f%% hits)%n", s.tlbHits(), s.tlbMisses(),
                lookups == 0 ? 0.0 : 100.0 * s.tlbHits() / lookups));
        sb.append(String.format("peak RSS:      %d KiB (pid %d)%n", peakResidentBytes() / 1024, peakPid));
        sb.append(String.format("peak memory:   %d KiB of guest physical memory (all processes, page tables too)%n",
                s.peakFrames() * 4L));
        sb.append(s.engineStats());
        return sb.toString();
    }

    private static long total(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
