package dev.boardup.debug;

import dev.boardup.kernel.FaultRecord;
import dev.boardup.kernel.KernelObserver;
import dev.boardup.memory.PageFault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The debugger's record of what the kernel did, for {@code info faults} and {@code info syscalls}: every page fault
 * with its resolution and every finished system call, numbered from the start, the latest {@link #KEEP} of each kept.
 */
public final class KernelLog implements KernelObserver {
    static final int KEEP = 10_000;

    private record Fault(long number, FaultRecord record) {}

    private record Call(long number, int pid, String name, long[] args, long result) {}

    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<Call> calls = new ArrayDeque<>();
    private long faultCount, callCount;

    @Override
    public void pageFault(FaultRecord fault) {
        faults.addLast(new Fault(++faultCount, fault));
        if (faults.size() > KEEP) faults.removeFirst();
    }

    @Override
    public void syscall(int pid, String name, long[] args, long result) {
        calls.addLast(new Call(++callCount, pid, name, args, result));
        if (calls.size() > KEEP) calls.removeFirst();
    }

    /** The page faults so far, one a line: number, process, RIP, CR2, error code decoded, resolution. */
    String faults() {
        if (faults.isEmpty()) return "No page faults.\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-6s%-6s%-20s%-20s%-34s%s%n", "Num", "Pid", "RIP", "Address", "Error code",
                "Resolution"));
        for (Fault f : faults) {
            FaultRecord r = f.record();
            sb.append(String.format("%-6d%-6d0x%-18x0x%-18x%-34s%s%n", f.number(), r.pid(), r.rip(), r.address(),
                    errorCode(r.errorCode()), r.resolution().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        return sb.toString();
    }

    /** "0x6 not-present write user", the #PF error code's bits in the SDM's words. */
    static String errorCode(int e) {
        return String.format("0x%x %s %s %s%s", e, (e & PageFault.P) != 0 ? "protection" : "not-present",
                (e & PageFault.I) != 0 ? "fetch" : (e & PageFault.W) != 0 ? "write" : "read",
                (e & PageFault.U) != 0 ? "user" : "kernel", (e & PageFault.RSVD) != 0 ? " reserved-bit" : "");
    }

    /** The system calls so far: number, process, the call with its six argument registers, and the result. */
    String syscalls() {
        if (calls.isEmpty()) return "No system calls.\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-6s%-6s%s%n", "Num", "Pid", "Call"));
        for (Call c : calls) {
            StringBuilder args = new StringBuilder();
            for (long a : c.args()) args.append(args.isEmpty() ? "" : ", ").append("0x").append(Long.toHexString(a));
            sb.append(String.format("%-6d%-6d%s(%s) = %s%n", c.number(), c.pid(), c.name(), args, result(c.result())));
        }
        return sb.toString();
    }

    /** Small values and -errno in decimal, addresses in hex. */
    private static String result(long r) {
        return r >= -4095 && r < 0x10000 ? Long.toString(r) : "0x" + Long.toHexString(r);
    }
}
