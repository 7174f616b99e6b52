package dev.boardup.debug;

import dev.boardup.cpu.Breakpoint;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.kernel.Termination;
import dev.boardup.machine.Machine;
import dev.boardup.memory.OutOfGuestMemory;
import dev.boardup.memory.PageFault;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A machine under a debugger's control: it runs one instruction at a time (an engine budget of one, so the state
 * after each step is exactly the state running would pass through), stops before an instruction at a breakpoint
 * address (breakpoints are address checks, guest memory is never patched), after an instruction whose data
 * access touched a watchpoint, and at a fatal fault before the process dies of it.
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

    public static final int SIGINT = 2, SIGTRAP = 5, SIGSEGV = 11;

    private final Machine machine;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final WatchingMemory memory;
    /** A fatal fault the debugger has been shown but the process has not yet died of. */
    private CpuException pendingFault;

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

    /** {@link #resume(boolean, int, BooleanSupplier)} with no signal to deliver. */
    public Stop resume(boolean singleStep, BooleanSupplier interrupted) {
        return resume(singleStep, 0, interrupted);
    }

    /**
     * Runs until a breakpoint, a watchpoint, a fault, the end of the process, or {@code interrupted} answering
     * true. The instruction at the current RIP always executes, so continuing from a breakpoint moves on. After a
     * stop for a fatal fault, a nonzero {@code signal} delivers it (the process dies as it would undebugged);
     * zero suppresses it and the faulting instruction runs again.
     */
    public Stop resume(boolean singleStep, int signal, BooleanSupplier interrupted) {
        if (pendingFault != null) {
            CpuException fault = pendingFault;
            pendingFault = null;
            if (signal != 0) {
                machine.kernel().fault(fault);
            }
        }
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
            Stop faulted = executeOne();
            if (machine.kernel().exited()) {
                return new Stop.Exited(machine.termination());
            }
            if (faulted != null) {
                return faulted;
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

    /**
     * One retired instruction, as the machine loop would run it: a SYSCALL goes to the kernel, a page fault the
     * kernel resolves (demand paging, stack growth) is retried as on hardware. A fatal fault stops here, before
     * the kernel kills the process, so the debugger sees the faulting state; null when nothing stopped.
     */
    private Stop executeOne() {
        long before = machine.engine().instructionsRetired();
        for (int i = 0; i < MAX_RETRIES && !machine.kernel().exited(); i++) {
            try {
                if (machine.engine().run(cpu(), memory, 1) == Engine.Stop.SYSCALL) {
                    machine.kernel().syscall();
                }
            } catch (PageFault pf) {
                if (!resolves(pf)) {
                    return fatal(pf, SIGSEGV);
                }
            } catch (CpuException e) {
                return fatal(e, signalOf(e));
            } catch (OutOfGuestMemory e) {
                machine.kernel().kill(Termination.SIGKILL, "Killed: out of guest memory (" + e.getMessage() + ")",
                        "{si_signo=SIGKILL}");
            }
            if (machine.engine().instructionsRetired() != before) {
                return null;
            }
        }
        return null;
    }

    private boolean resolves(PageFault pf) {
        try {
            return machine.kernel().addressSpace().resolveFault(pf);
        } catch (OutOfGuestMemory e) {
            return !machine.kernel().fault(pf); // the kernel's own verdict: killed
        }
    }

    private Stop fatal(CpuException e, int signal) {
        memory.takeHit(); // the faulting instruction did not complete
        pendingFault = e;
        return new Stop.Trap(signal, false);
    }

    /** The signal Linux sends for a fault, as the kernel's {@code fault} does. */
    private static int signalOf(CpuException e) {
        if (e instanceof InvalidOpcode) return Termination.SIGILL;
        if (e instanceof DivideError) return Termination.SIGFPE;
        if (e instanceof Breakpoint) return Termination.SIGTRAP;
        return Termination.SIGSEGV;
    }
}
