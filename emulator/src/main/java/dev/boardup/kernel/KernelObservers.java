package dev.boardup.kernel;

import dev.boardup.memory.PageTables;
import java.util.Arrays;

/**
 * The observers registered on one machine, shared by all its processes. Every hook first asks {@link #none}, so a
 * machine nobody watches pays one array-length check per page fault, system call or page-table write, and nothing on
 * the instruction path.
 */
public final class KernelObservers {
    private KernelObserver[] all = new KernelObserver[0];

    public void add(KernelObserver observer) {
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = observer;
    }

    public void remove(KernelObserver observer) {
        all = Arrays.stream(all).filter(o -> o != observer).toArray(KernelObserver[]::new);
    }

    public boolean none() {
        return all.length == 0;
    }

    void pageFault(FaultRecord fault) {
        for (KernelObserver o : all) o.pageFault(fault);
    }

    void syscall(int pid, String name, long[] args, long result) {
        for (KernelObserver o : all) o.syscall(pid, name, args.clone(), result);
    }

    /** The listener that reports {@code pid}'s page-table writes. */
    PageTables.EntryWriteListener tableWriter(int pid) {
        return (level, entryAddress, oldEntry, newEntry) -> {
            if (none()) return;
            for (KernelObserver o : all) o.pageTableWrite(pid, level, entryAddress, oldEntry, newEntry);
        };
    }
}
