package dev.boardup.debug;

import dev.boardup.cpu.CpuState;
import dev.boardup.kernel.Termination;
import dev.boardup.machine.Machine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A machine under a debugger's control: it runs one instruction at a time (an engine budget of one, so the state
 * after each step is exactly the state running would pass through), stops before an instruction at a breakpoint
 * address (breakpoints are address checks, guest memory is never patched), and after an instruction whose data
 * access touched a watchpoint.
 */
public final class DebugTarget {
    /** How often, in instructions, a running target asks whether the debugger wants it interrupted. */
    private static final int INTERRUPT_POLL = 1 << 14;
    /** A fault the kernel resolves (demand paging) retires nothing; more retries than this means no progress. */
    private static final int MAX_RETRIES = 16;

    /** Why the target stopped. */
    public sealed interface Stop {
        /** Stopped after a single step, or at a breakpoint (swbreak), or interrupted by the debugger (SIGINT). */
        record Trap(int signal, boolean breakpoint) implements Stop {}

        /** A data watchpoint triggered. */
        record Watch(Watchpoint.Kind kind, long address) implements Stop {}

        /** The process ended: an exit status or a fatal signal. */
        record Exited(Termination termination) implements Stop {}
    }

    public static final int SIGINT = 2, SIGTRAP = 5;

    private final Machine machine;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final WatchingMemory memory;

    public DebugTarget(Machine machine) {
        this.machine = machine;
        this.memory = new WatchingMemory(machine.memory(), watchpoints);
    }

    public Machine machine() {
        return machine;
    }

    public CpuState cpu() {
        return machine.cpu();
    }

    public void addBreakpoint(long address) {
        breakpoints.add(address);
    }

    public void removeBreakpoint(long address) {
        breakpoints.remove(address);
    }

    void addWatchpoint(Watchpoint w) {
        watchpoints.add(w);
    }

    void removeWatchpoint(Watchpoint w) {
        watchpoints.remove(w);
    }

    /** Executes exactly one instruction (with its system call, if it is one) and says why it stopped. */
    public Stop step() {
        return resume(true, () -> false);
    }

    /**
     * Runs until a breakpoint, a watchpoint, the end of the process, or {@code interrupted} answering true. The
     * instruction at the current RIP always executes, so continuing from a breakpoint moves on.
     */
    public Stop resume(boolean singleStep, BooleanSupplier interrupted) {
        for (long n = 0; ; n++) {
            if (machine.kernel().exited()) {
                return new Stop.Exited(machine.termination());
            }
            if (n > 0 && breakpoints.contains(cpu().rip)) {
                return new Stop.Trap(SIGTRAP, true);
            }
            if (n > 0 && n % INTERRUPT_POLL == 0 && interrupted.getAsBoolean()) {
                return new Stop.Trap(SIGINT, false);
            }
            executeOne();
            if (machine.kernel().exited()) {
                return new Stop.Exited(machine.termination());
            }
            Watchpoint hit = memory.takeHit();
            if (hit != null) {
                return new Stop.Watch(hit.kind(), hit.address());
            }
            if (singleStep) {
                return new Stop.Trap(SIGTRAP, false);
            }
        }
    }

    /** One retired instruction: a page fault the kernel resolves is retried, as the hardware would. */
    private void executeOne() {
        long before = machine.engine().instructionsRetired();
        for (int i = 0; i < MAX_RETRIES && !machine.kernel().exited(); i++) {
            machine.step(memory, 1);
            if (machine.engine().instructionsRetired() != before) {
                return;
            }
        }
    }
}
