package dev.boardup.debug;

import dev.boardup.cpu.Breakpoint;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.kernel.FaultRecord;
import dev.boardup.kernel.Kernel;
import dev.boardup.kernel.KernelObserver;
import dev.boardup.kernel.ProcessTable;
import dev.boardup.kernel.Termination;
import dev.boardup.machine.Machine;
import dev.boardup.memory.OutOfGuestMemory;
import dev.boardup.memory.PageFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A machine under a debugger's control: it runs one instruction at a time (an engine budget of one, so the state
 * after each step is exactly the state running would pass through), stops before an instruction at a breakpoint
 * address (breakpoints are address checks, guest memory is never patched), after an instruction whose data
 * access touched a watchpoint, and at a fatal fault before the process dies of it.
 *
 * <p>Every process the program forks runs here too, scheduled exactly as {@link Machine#run} schedules them
 * (round-robin in creation order, a slice of {@code Machine.SLICE} instructions each), so breakpoints and watchpoints
 * stop a child as they stop the parent. {@link #current()} is the process the last stop happened in.
 */
public final class DebugTarget {
    /** How often, in instructions, a running target asks whether the debugger wants it interrupted. */
    private static final int INTERRUPT_POLL = 1 << 14;
    /** A fault the kernel resolves (demand paging) retires nothing; more retries than this means no progress. */
    private static final int MAX_RETRIES = 16;
    /** The machine loop's time slice: each process runs this many instructions before the next one's turn. */
    private static final long SLICE = 1 << 20;

    /** Why the target stopped. */
    public sealed interface Stop {
        /** Stopped after a single step, or at a breakpoint (swbreak), or interrupted by the debugger (SIGINT). */
        record Trap(int signal, boolean breakpoint) implements Stop {}

        /** A data watchpoint triggered. */
        record Watch(Watchpoint.Kind kind, long address) implements Stop {}

        /** Every process ended: the first one's exit status or fatal signal. */
        record Exited(Termination termination) implements Stop {}
    }

    /** Asked after every instruction of a resume: true ends it with a SIGTRAP stop (a step's end condition). */
    @FunctionalInterface
    public interface Until {
        boolean reached(Kernel process);
    }

    public static final int SIGINT = 2, SIGTRAP = 5, SIGSEGV = 11;

    private final Machine machine;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    /** Each process's watching view of its own MMU, kept so the engine's decoded code stays valid between steps. */
    private final Map<Kernel, WatchingMemory> views = new HashMap<>();
    /** The last page-fault address each process took, by pid: its CR2. */
    private final Map<Integer, Long> cr2 = new HashMap<>();
    /** A fatal fault the debugger has been shown but the process has not yet died of. */
    private CpuException pendingFault;

    // The scheduler's position, as Machine.run's loops would hold it.
    private List<Kernel> round = List.of();
    private int next;
    private boolean progressed;
    private Kernel turn;
    private long turnStart;
    private Kernel current;
    private String deadlock;

    public DebugTarget(Machine machine) {
        this.machine = machine;
        this.current = machine.kernel();
        // The kernel's own accesses to user memory (copy_to_user) fault too, and set CR2 as the CPU's do.
        machine.addObserver(new KernelObserver() {
            @Override
            public void pageFault(FaultRecord fault) {
                cr2.put(fault.pid(), fault.address());
            }
        });
    }

    public Machine machine() {
        return machine;
    }

    /** The process the target stopped in (the first process before anything ran). */
    public Kernel current() {
        return current;
    }

    /** The current process's registers. */
    public CpuState cpu() {
        return current.cpu();
    }

    /** CR2 of a process: the linear address of its last page fault, 0 before any. */
    public long cr2(Kernel k) {
        return cr2.getOrDefault(k.pid(), 0L);
    }

    /** Why the machine stopped when every process waited for another, or null. */
    public String deadlock() {
        return deadlock;
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
     * Runs until a breakpoint, a watchpoint, a fault, the end of every process, or {@code interrupted} answering
     * true. The instruction at the current RIP always executes, so continuing from a breakpoint moves on. After a
     * stop for a fatal fault, a nonzero {@code signal} delivers it (the process dies as it would undebugged);
     * zero suppresses it and the faulting instruction runs again.
     */
    public Stop resume(boolean singleStep, int signal, BooleanSupplier interrupted) {
        return resume(signal, interrupted, singleStep ? k -> true : k -> false);
    }

    /** Single-steps the process {@code thread}: other processes' instructions in between do not end the step. */
    public Stop stepProcess(Kernel thread, int signal, BooleanSupplier interrupted) {
        return resume(signal, interrupted, k -> k == thread || thread.exited());
    }

    /**
     * The one stepping loop: like {@link #resume(boolean, int, BooleanSupplier)}, and also ends with a SIGTRAP stop
     * after the first instruction for which {@code until} answers true (given the process that ran it).
     */
    public Stop resume(int signal, BooleanSupplier interrupted, Until until) {
        deliverPending(signal);
        for (long n = 0; ; n++) {
            Kernel k = runnable();
            if (k == null) {
                return new Stop.Exited(machine.termination());
            }
            current = k;
            if (n > 0 && breakpoints.contains(k.cpu().rip)) {
                return new Stop.Trap(SIGTRAP, true);
            }
            if (n > 0 && n % INTERRUPT_POLL == 0 && interrupted.getAsBoolean()) {
                return new Stop.Trap(SIGINT, false);
            }
            Stop faulted = executeOne(k);
            if (faulted != null) {
                return faulted;
            }
            Watchpoint hit = view(k).takeHit();
            if (hit != null) {
                return new Stop.Watch(hit.kind(), hit.address());
            }
            if (until.reached(k)) {
                return everyoneEnded() ? new Stop.Exited(machine.termination()) : new Stop.Trap(SIGTRAP, false);
            }
        }
    }

    private void deliverPending(int signal) {
        if (pendingFault == null) return;
        CpuException fault = pendingFault;
        pendingFault = null;
        if (signal != 0) {
            current.fault(fault);
        }
    }

    private boolean everyoneEnded() {
        return !machine.kernel().processes().anyAlive();
    }

    // ---- the scheduler: Machine.run, one instruction at a time ----

    /**
     * The process that runs the next instruction, keeping Machine.run's order: its turn lasts a slice or until it
     * waits or ends; then the next live process in creation order; a round in which nobody could run advances the
     * virtual clock to the earliest sleeper. Null when every process has ended.
     */
    private Kernel runnable() {
        ProcessTable procs = machine.kernel().processes();
        while (true) {
            if (turn != null) {
                if (!turn.exited() && !turn.blocked()
                        && machine.engine().instructionsRetired() - turnStart < SLICE) {
                    return turn;
                }
                if (turn.exited()) procs.ended(turn);
                turn = null;
                next++;
            }
            if (next >= round.size()) {
                if (!round.isEmpty() && !progressed && !procs.wakeEarliestSleeper()) {
                    endInDeadlock(procs);
                }
                if (!procs.anyAlive()) return null;
                round = procs.processes();
                next = 0;
                progressed = false;
                continue;
            }
            Kernel k = round.get(next);
            if (k.exited()) {
                next++;
                continue;
            }
            if (k.blocked()) {
                if (!k.interruptBySignal()) k.retry();
                if (k.blocked()) {
                    next++;
                    continue;
                }
            }
            k.deliverSignals();
            progressed = true;
            if (k.exited()) {
                procs.ended(k);
                next++;
                continue;
            }
            turn = k;
            turnStart = machine.engine().instructionsRetired();
            return k;
        }
    }

    /** Every live process waits for another: as the machine loop does, end them all (status 124). */
    private void endInDeadlock(ProcessTable procs) {
        String why = null;
        for (Kernel k : procs.processes()) {
            if (!k.exited() && k.blocked() && why == null) why = k.blockedOn();
        }
        deadlock = "boardup: the guest would wait forever: " + why;
        for (Kernel k : procs.processes()) {
            if (!k.exited()) {
                k.terminate(new Termination(Machine.TIMEOUT_STATUS, 0, deadlock));
                procs.ended(k);
            }
        }
    }

    /** The memory a process's instructions use under the debugger: its MMU, watched. */
    WatchingMemory view(Kernel k) {
        return views.computeIfAbsent(k, p -> new WatchingMemory(p.addressSpace().mmu(), watchpoints));
    }

    /**
     * One retired instruction, as the machine loop would run it: a SYSCALL goes to the kernel, a page fault the
     * kernel resolves (demand paging, stack growth) is retried as on hardware. A fatal fault stops here, before
     * the kernel kills the process, so the debugger sees the faulting state; null when nothing stopped.
     */
    private Stop executeOne(Kernel k) {
        long before = machine.engine().instructionsRetired();
        for (int i = 0; i < MAX_RETRIES && !k.exited(); i++) {
            try {
                if (machine.engine().run(k.cpu(), view(k), 1) == Engine.Stop.SYSCALL) {
                    k.syscall();
                }
            } catch (PageFault pf) {
                cr2.put(k.pid(), pf.address);
                if (!resolves(k, pf)) {
                    return fatal(k, pf, SIGSEGV);
                }
            } catch (CpuException e) {
                return fatal(k, e, signalOf(e));
            } catch (OutOfGuestMemory e) {
                k.kill(Termination.SIGKILL, "Killed: out of guest memory (" + e.getMessage() + ")",
                        "{si_signo=SIGKILL}");
            }
            if (machine.engine().instructionsRetired() != before) {
                return null;
            }
        }
        return null;
    }

    private static boolean resolves(Kernel k, PageFault pf) {
        try {
            return k.addressSpace().resolveFault(pf);
        } catch (OutOfGuestMemory e) {
            return !k.fault(pf); // the kernel's own verdict: killed
        }
    }

    private Stop fatal(Kernel k, CpuException e, int signal) {
        view(k).takeHit(); // the faulting instruction did not complete
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
