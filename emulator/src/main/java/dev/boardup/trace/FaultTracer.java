package dev.boardup.trace;

import dev.boardup.kernel.FaultRecord;
import dev.boardup.kernel.KernelObserver;
import dev.boardup.memory.PageFault;
import java.io.PrintStream;
import java.util.StringJoiner;

/**
 * --trace-faults: one line per #PF, as it happens, e.g.
 * <pre>[pid 1000] #PF 0x7ffffffde000 rip 0x401126: user write, not present (error 0x6 = W|U) -> stack growth</pre>
 */
public final class FaultTracer implements KernelObserver {
    private final PrintStream out;

    public FaultTracer(PrintStream out) {
        this.out = out;
    }

    @Override
    public void pageFault(FaultRecord f) {
        out.println(line(f));
    }

    public static String line(FaultRecord f) {
        return String.format("[pid %d] #PF 0x%x rip 0x%x: %s (error 0x%x = %s) -> %s", f.pid(), f.address(), f.rip(),
                access(f.errorCode()), f.errorCode(), bits(f.errorCode()), resolution(f.resolution()));
    }

    /** What the error code says about the access: who, what kind, and why it faulted. */
    public static String access(int errorCode) {
        String who = (errorCode & PageFault.U) != 0 ? "user" : "kernel";
        String what = (errorCode & PageFault.I) != 0 ? "fetch" : (errorCode & PageFault.W) != 0 ? "write" : "read";
        String why = (errorCode & PageFault.P) != 0 ? "protection" : "not present";
        return who + " " + what + ", " + why + ((errorCode & PageFault.RSVD) != 0 ? ", reserved bit set" : "");
    }

    /** The error code's bits by their names in the SDM: "P|W|U", or "0". */
    public static String bits(int errorCode) {
        StringJoiner j = new StringJoiner("|");
        if ((errorCode & PageFault.P) != 0) j.add("P");
        if ((errorCode & PageFault.W) != 0) j.add("W");
        if ((errorCode & PageFault.U) != 0) j.add("U");
        if ((errorCode & PageFault.RSVD) != 0) j.add("RSVD");
        if ((errorCode & PageFault.I) != 0) j.add("I");
        return j.length() == 0 ? "0" : j.toString();
    }

    public static String resolution(FaultRecord.Resolution r) {
        return switch (r) {
            case ZERO_FILL -> "zero-fill";
            case ZERO_PAGE -> "zero page";
            case FILE_PAGE -> "file page";
            case COW_COPY -> "COW copy";
            case COW_REUSE -> "COW reuse";
            case STACK_GROWTH -> "stack growth";
            case SIGNAL_HANDLER -> "SIGSEGV to its handler";
            case SIGSEGV -> "SIGSEGV";
            case SIGBUS -> "SIGBUS";
            case OOM_KILL -> "out of memory: killed";
        };
    }
}
