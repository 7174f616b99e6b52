package dev.boardup.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Every process of one machine, in creation order, with the things they share: the pid counter, the process limit
 * and the virtual clock. Sleeping costs no host time: when every process waits, the scheduler moves the clock
 * straight to the earliest wake-up ({@link #skipTo}), so sleep(2) still comes before sleep(3), instantly. In
 * realtime mode (--realtime) the clock is the host's alone and the machine really waits for the sleeper.
 */
public final class ProcessTable {
    /** Live processes allowed at once; fork beyond it is EAGAIN, which keeps a fork bomb from eating the host. */
    public static final int MAX_PROCESSES = 256;
    /** Orphans are re-parented to init, as on Linux; init is outside the machine and reaps them at once. */
    static final int INIT_PID = 1;
    private static final long NANOS = 1_000_000_000L;

    private final List<Kernel> processes = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private int nextPid = ProcessSyscalls.PID;
    private long skippedNanos;
    private final boolean realtime;
    private boolean limitReported;
    private Consumer<Kernel> onFork = k -> {};
    private Loader loader;

    /** {@code realtime}: sleeping waits on the host's clock instead of moving the virtual one. */
    public ProcessTable(boolean realtime) {
        this.realtime = realtime;
    }

    /** execve's second half, which the machine owns: load an ELF image into a process's emptied address space. */
    @FunctionalInterface
    public interface Loader {
        void load(Kernel k, ElfFile elf, java.nio.file.Path program, String path, java.util.List<String> argv,
                  java.util.List<String> env);
    }

    public void onExec(Loader loader) {
        this.loader = loader;
    }

    Loader loader() {
        return loader;
    }

    /** Who wires a new child to the machine (its MMU's code-write listener, its engine context). */
    public void onFork(Consumer<Kernel> hook) {
        this.onFork = hook;
    }

    void forked(Kernel child) {
        onFork.accept(child);
    }

    int newPid() {
        return nextPid++;
    }

    void add(Kernel k) {
        processes.add(k);
    }

    /** Every process not yet reaped, in creation order (a copy: the scheduler's loop may fork or reap). */
    public List<Kernel> processes() {
        return List.copyOf(processes);
    }

    public boolean anyAlive() {
        for (Kernel k : processes) {
            if (!k.exited()) return true;
        }
        return false;
    }

    int alive() {
        int n = 0;
        for (Kernel k : processes) {
            if (!k.exited()) n++;
        }
        return n;
    }

    Kernel find(int pid) {
        for (Kernel k : processes) {
            if (k.pid == pid) return k;
        }
        return null;
    }

    List<Kernel> childrenOf(int pid) {
        List<Kernel> out = new ArrayList<>();
        for (Kernel k : processes) {
            if (k.ppid == pid) out.add(k);
        }
        return out;
    }

    /** Whether fork may make one more process; prints the one-time notice when the limit is first hit. */
    boolean roomForOneMore(Kernel parent) {
        if (alive() < MAX_PROCESSES) return true;
        if (!limitReported) {
            limitReported = true;
            parent.log.println("boardup: process limit of " + MAX_PROCESSES + " reached: fork fails with EAGAIN");
        }
        return false;
    }

    /**
     * A process has ended: its parent gets SIGCHLD, its children go to init (zombies among them are reaped on the
     * spot), and it stays a zombie for its parent's wait4, unless that parent is init or already gone, or ignores
     * SIGCHLD (SIG_IGN or SA_NOCLDWAIT: Linux reaps such children itself).
     */
    public void ended(Kernel k) {
        k.addressSpace().unmapCaches();
        Kernel parent = find(k.ppid);
        boolean autoreap = false;
        if (parent != null && !parent.exited()) {
            long[] action = parent.sigactions[Signals.SIGCHLD];
            autoreap = action[0] == Signals.SIG_IGN || (action[1] & Signals.SA_NOCLDWAIT) != 0;
            Termination t = k.termination();
            parent.signals.post(new Signals.Info(Signals.SIGCHLD, t.bySignal() ? Signals.CLD_KILLED
                    : Signals.CLD_EXITED, k.pid, 0, t.bySignal() ? t.signal() : t.status()));
        }
        for (Kernel child : childrenOf(k.pid)) {
            child.ppid = INIT_PID;
            if (child.exited()) reap(child);
        }
        if (autoreap || k.ppid == INIT_PID || find(k.ppid) == null) reap(k);
    }

    void reap(Kernel k) {
        processes.remove(k);
        k.release();
    }

    // ---- the virtual clock ----

    /** CLOCK_MONOTONIC: host time since the machine started (plus 1000 s, as a booted machine has), plus skips. */
    long monotonicNanos() {
        return System.nanoTime() - startNanos + 1_000 * NANOS + skippedNanos;
    }

    long realtimeNanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * NANOS + t.getNano() + skippedNanos;
    }

    /** Moves the clock forward to the monotonic time {@code when}, when everyone sleeps. */
    void skipTo(long when) {
        long now = monotonicNanos();
        if (when > now) skippedNanos += when - now;
    }

    /**
     * Called when no process could run: wakes the earliest sleeper, or the earliest timer that would send a signal,
     * by moving the clock. False when there is neither, which means every process waits for something only another
     * waiting process could do: a deadlock.
     */
    public boolean wakeEarliestSleeper() {
        long earliest = Long.MAX_VALUE;
        for (Kernel k : processes) {
            if (!k.exited() && k.wakeAt >= 0) earliest = Math.min(earliest, k.wakeAt);
            long timer = k.timerWakeAt();
            if (timer >= 0) earliest = Math.min(earliest, timer);
        }
        if (earliest == Long.MAX_VALUE) return false;
        if (realtime) waitUntil(earliest);
        else skipTo(earliest);
        return true;
    }

    /** How far virtual time has run ahead of the host's clock: zero in realtime mode. */
    public long skippedNanos() {
        return skippedNanos;
    }

    /** Realtime sleeping: the host thread waits (a little at a time; the scheduler asks again until it is time). */
    private void waitUntil(long when) {
        long wait = when - monotonicNanos();
        if (wait > 0) LockSupport.parkNanos(Math.min(wait, 100_000_000L));
    }
}
