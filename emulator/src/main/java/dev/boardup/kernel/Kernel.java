package dev.boardup.kernel;

import dev.boardup.cpu.Breakpoint;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.GeneralProtection;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.OutOfGuestMemory;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PageFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The Linux kernel one guest process talks to. The machine loop hands it every SYSCALL stop ({@link #syscall})
 * and every CPU fault ({@link #fault}); it answers with the x86-64 Linux ABI: number in RAX, arguments in RDI,
 * RSI, RDX, R10, R8, R9, result or -errno back in RAX. The handlers live by area in {@link FileSyscalls},
 * {@link MemorySyscalls} and {@link ProcessSyscalls}.
 */
public final class Kernel {
    public static final int MAX_SYSCALL = 512;

    final CpuState cpu;
    final AddressSpace space;
    final UserMemory user;
    final FileTable files;
    final ProcessTable procs;
    final ProcessSyscalls process;
    final Signals signals = new Signals(this);
    /** This process's id and its parent's (init's, 1, once the parent has gone). */
    final int pid;
    int ppid;
    /** When a sleeping process wakes, on the monotonic clock; -1 when it is not sleeping. */
    long wakeAt = -1;
    /** Set while the process waits in a system call, which is retried until it can finish. */
    private String blockedOn;
    /** What the waiting call has transferred so far (a pipe write that waits for room): its result if interrupted. */
    long transferred;
    /** Stopped by SIGSTOP (or a terminal stop signal) until SIGCONT; what wait4 still has to report of it. */
    private boolean stopped, stopUnreported, continueUnreported;
    private int stopSignal;
    /** The process group and session (a child inherits them; setpgid and setsid change them). */
    int pgid, sid;
    /** ITIMER_REAL, which alarm and setitimer arm; not inherited by a child. */
    final IntervalTimer realTimer = new IntervalTimer();
    /** The signals rt_sigtimedwait waits for (0 when it does not): their arrival ends the wait, not a handler. */
    long waitingFor;
    /** The child a vfork'ed parent waits for (until it execs or ends), or null. */
    Kernel vforkChild;
    /** Whether execve has run in this process (setpgid then refuses its parent with EACCES). */
    boolean execed;
    final Sandbox sandbox;
    final KernelConfig config;
    final PrintStream log;
    /** Who watches this machine's kernel: shared by every process of the machine. */
    final KernelObservers observers;
    /** Where --strace lines go and which calls they show (every process shares it). */
    StraceLog straceLog;

    public static final int SIGPIPE = 13;
    static final long SIG_IGN = 1;
    /** sa_handler, sa_flags, sa_restorer, sa_mask per signal, as rt_sigaction set them. */
    final long[][] sigactions = new long[65][4];

    /** The file mode creation mask; starts as the host process's own. */
    int umask = Identity.UMASK;

    private final Syscall[] table = new Syscall[MAX_SYSCALL];
    private final Map<String, Long> syscallCounts = new TreeMap<>();
    private long syscalls;
    private Termination termination;
    List<String> argv = List.of();
    /** The file exec ran, as it was named (comm, /proc/[pid]/status's Name, is its base name). */
    String execPath = "";

    /** The machine's first process, with the standard streams as descriptors 0, 1 and 2. */
    public Kernel(CpuState cpu, AddressSpace space, Sandbox sandbox, KernelConfig config) {
        this.cpu = cpu;
        this.space = space;
        this.user = new UserMemory(space);
        this.sandbox = sandbox;
        this.config = config;
        this.log = new PrintStream(config.stderr(), true, StandardCharsets.UTF_8);
        this.files = new FileTable();
        this.procs = new ProcessTable(config.realtime());
        this.pid = procs.newPid();
        this.ppid = ProcessSyscalls.PPID;
        // as a child of a shell script or any program without job control: the parent's group and session
        this.pgid = ProcessSyscalls.PPID;
        this.sid = ProcessSyscalls.PPID;
        this.observers = new KernelObservers();
        this.straceLog = new StraceLog(log, StraceFilter.ALL, false);
        watch();
        files.install(new StreamFile(config.stdin(), null, config.hostStreams() ? 0 : -1));
        files.install(new StreamFile(null, config.stdout(), config.hostStreams() ? 1 : -1));
        files.install(new StreamFile(null, config.stderr(), config.hostStreams() ? 2 : -1));
        new FileSyscalls(this).register();
        new MemorySyscalls(this).register();
        this.process = new ProcessSyscalls(this, null);
        process.register();
        procs.add(this);
    }

    /** fork's child of {@code parent}: its own registers and address space, the parent's files shared. */
    private Kernel(Kernel parent, int pid, CpuState cpu, AddressSpace space) {
        this.cpu = cpu;
        this.space = space;
        this.user = new UserMemory(space);
        user.onCodeWrite(parent.user.codeWriteListener());
        this.sandbox = parent.sandbox;
        this.config = parent.config;
        this.log = parent.log;
        this.files = parent.files.forkCopy();
        this.procs = parent.procs;
        this.pid = pid;
        this.ppid = parent.pid;
        this.pgid = parent.pgid;
        this.sid = parent.sid;
        signals.inherit(parent.signals);
        this.observers = parent.observers;
        this.straceLog = parent.straceLog;
        watch();
        this.umask = parent.umask;
        for (int i = 0; i < sigactions.length; i++) sigactions[i] = parent.sigactions[i].clone();
        this.argv = parent.argv;
        this.execPath = parent.execPath;
        new FileSyscalls(this).register();
        new MemorySyscalls(this).register();
        this.process = new ProcessSyscalls(this, parent.process);
        process.register();
        procs.add(this);
    }

    /**
     * fork: a child with a copy of this process's registers (RAX 0: fork returns 0 there) and a copy-on-write copy
     * of its address space, on a new MMU of its own. EAGAIN past the process limit.
     */
    Kernel fork() {
        if (!procs.roomForOneMore(this)) throw new SyscallError(Errno.EAGAIN);
        CpuState childCpu = new CpuState();
        childCpu.copyFrom(cpu);
        childCpu.gpr[CpuState.RAX] = 0;
        Mmu childMmu = new Mmu(space.physical());
        PageTables childTables = new PageTables(space.physical());
        childMmu.setCr3(childTables.cr3());
        int childPid = procs.newPid();
        childTables.onEntryWrite(observers.tableWriter(childPid)); // fork fills the child's tables before it exists
        Kernel child = new Kernel(this, childPid, childCpu, space.forkInto(childTables, childMmu));
        procs.forked(child);
        return child;
    }

    public int pid() {
        return pid;
    }

    /** The machine's observers (the same object for every process): add one to watch every process. */
    public KernelObservers observers() {
        return observers;
    }

    /** Sends --strace's lines to {@code out} (a -o file when {@code toFile}), showing what {@code filter} picks. */
    public void straceTo(PrintStream out, StraceFilter filter, boolean toFile) {
        this.straceLog = new StraceLog(out, filter, toFile);
    }

    /** Connects this process's address space and page tables to the observers. */
    private void watch() {
        space.onFault((va, errorCode, how) -> observeFault(va, errorCode, how));
        space.tables().onEntryWrite(observers.tableWriter(pid));
    }

    private void observeFault(long va, int errorCode, FaultRecord.Resolution how) {
        if (!observers.none()) observers.pageFault(new FaultRecord(pid, cpu.rip, va, errorCode, how));
    }

    public CpuState cpu() {
        return cpu;
    }

    public ProcessTable processes() {
        return procs;
    }

    /** The machine's first process: the one whose end a shell would see and report. */
    boolean leader() {
        return pid == ProcessSyscalls.PID;
    }

    /** Frees a reaped process's memory (the leader's stays, for statistics after the run). */
    void release() {
        if (!leader()) space.release();
    }

    // ---- waiting ----

    /** Thrown by a system call that cannot finish yet: the process waits, and the call is tried again later. */
    static final class WouldBlock extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WouldBlock(String why) {
            super(why, null, false, false);
        }
    }

    /** Whether the process cannot run now: it waits in a system call, or it is stopped. */
    public boolean blocked() {
        return termination == null && (blockedOn != null || stopped);
    }

    /** What a blocked process waits for, for the deadlock message. */
    public String blockedOn() {
        return stopped ? "stopped by SIG" + ProcessSyscalls.signame(stopSignal) + ", nobody sends SIGCONT"
                : blockedOn;
    }

    /** Whether this call is a retry of one that had to wait. */
    boolean retrying() {
        return retrying;
    }

    /** Tries the system call a blocked process waits in once more (RAX still holds its number). */
    public void retry() {
        if (stopped || blockedOn == null) return;
        blockedOn = null;
        retrying = true;
        syscall();
        retrying = false;
    }

    private boolean retrying;
    public UserMemory user() {
        return user;
    }

    public AddressSpace addressSpace() {
        return space;
    }

    void register(int number, String name, SyscallHandler handler, ArgPrinter printer) {
        table[number] = new Syscall(number, name, handler, printer, (a, r) -> Long.toString(r));
    }

    void registerHex(int number, String name, SyscallHandler handler, ArgPrinter printer) {
        table[number] = new Syscall(number, name, handler, printer, (a, r) -> Strace.hex(r));
    }

    void register(int number, String name, SyscallHandler handler, ArgPrinter printer,
                  ArgPrinter resultPrinter) {
        table[number] = new Syscall(number, name, handler, printer, resultPrinter);
    }

    // ---- the process's end ----

    public boolean exited() {
        return termination != null;
    }

    public Termination termination() {
        return termination;
    }

    void exit(int status) {
        termination = Termination.exit(status);
    }

    /** The status word wait4 reports for this (ended) process: exit code << 8, or the killing signal. */
    int waitStatus() {
        return termination.bySignal() ? termination.signal() : (termination.status() & 0xFF) << 8;
    }

    /**
     * Kills the process with a signal: strace's epilogue when tracing and, for the first process only (whose death
     * the user's shell would report), the shell-style message on stderr.
     */
    public void kill(int signal, String message, String siginfo) {
        if (!leader()) message = null;
        straceLog.forget(this);
        if (config.strace() && straceLog.tracesSignal(signal)) {
            straceLog.note(this, "--- SIG" + ProcessSyscalls.signame(signal) + " " + siginfo + " ---");
            straceLog.note(this, "+++ killed by SIG" + ProcessSyscalls.signame(signal) + " +++");
        }
        if (message != null) {
            log.println(message);
        }
        termination = Termination.signal(signal, message);
        files.closeAll();
    }

    /** The program's arguments, as exec gave them (/proc/self/cmdline). */
    List<String> argv() {
        return argv;
    }

    /**
     * Records what exec started (for /proc/self/cmdline) and prints strace's first line, the execve, once the
     * stack exists.
     */
    public void traceExec(String path, List<String> argv, long envp, int envc) {
        this.argv = List.copyOf(argv);
        this.execPath = path;
        if (!config.strace() || !straceLog.traces("execve")) return;
        StringJoiner args = new StringJoiner(", ", "[", "]");
        for (String a : argv) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            args.add(Strace.buffer(b, b.length));
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        straceLog.call(this, "execve(" + Strace.quote(p, p.length, false) + ", " + args + ", " + Strace.hex(envp)
                + " /* " + envc + " var" + (envc == 1 ? "" : "s") + " */)", "0");
    }

    /**
     * A write to a pipe nobody reads: SIGPIPE, whose default action kills silently (a shell prints nothing for it);
     * a program that ignores SIGPIPE gets EPIPE instead.
     */
    SyscallError brokenPipe() {
        if (sigactions[SIGPIPE][0] != SIG_IGN) {
            signals.post(new Signals.Info(SIGPIPE, Signals.SI_USER, pid, 0, 0));
        }
        return new SyscallError(Errno.EPIPE);
    }


    // ---- system calls ----

    /** Handles the SYSCALL the engine stopped at: RIP is already past it, RAX gets the result. */
    public void syscall() {
        int number = (int) cpu.gpr[CpuState.RAX];
        long[] args = {cpu.gpr[CpuState.RDI], cpu.gpr[CpuState.RSI], cpu.gpr[CpuState.RDX], cpu.gpr[CpuState.R10],
            cpu.gpr[CpuState.R8], cpu.gpr[CpuState.R9]};
        Syscall sc = number >= 0 && number < MAX_SYSCALL ? table[number] : null; // Linux ignores RAX's upper half
        if (sc == null) {
            syscalls++;
            unknown(args);
            if (!observers.none()) observers.syscall(pid, StraceFilter.nameOf(number), args, -Errno.ENOSYS);
            return;
        }
        if (!retrying) {
            syscalls++;
            syscallCounts.merge(sc.name(), 1L, Long::sum);
        }
        long ret;
        try {
            ret = invoke(sc, args);
        } catch (WouldBlock b) {
            blockedOn = b.getMessage();
            if (config.strace() && straceLog.traces(sc.name())) {
                straceLog.blocked(this, sc.name(), printArgs(sc, args, -Errno.EAGAIN));
            }
            return;
        }
        transferred = 0;
        if (!observers.none()) observers.syscall(pid, sc.name(), args, ret);
        if (termination != null) {
            if (config.strace()) {
                if (straceLog.traces(sc.name())) {
                    straceLog.call(this, sc.name() + "(" + printArgs(sc, args, ret) + ")", "?");
                }
                straceLog.note(this, "+++ exited with " + termination.status() + " +++");
            }
            files.closeAll();
            return;
        }
        cpu.gpr[CpuState.RAX] = ret;
        boolean execed = number == EXECVE && ret == 0; // the new image's first line, printed by traceExec
        if (config.strace() && straceLog.traces(sc.name()) && !execed) {
            String result = ret < 0 && ret >= -4095
                    ? Strace.result(ret, false) : sc.resultPrinter().print(args, ret);
            straceLog.call(this, sc.name() + "(" + printArgs(sc, args, ret) + ")", result);
        }
        signals.deliver();
    }

    private long invoke(Syscall sc, long[] args) {
        try {
            return sc.handler().call(args);
        } catch (SyscallError e) {
            return -e.errno;
        } catch (OutOfGuestMemory e) {
            return -Errno.ENOMEM;
        } catch (StreamFile.BrokenPipe e) {
            return -brokenPipe().errno;
        } catch (Pipe.Deadlock e) {
            throw new WouldBlock(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return -Errno.EIO;
        }
    }

    private String printArgs(Syscall sc, long[] args, long ret) {
        try {
            return sc.printer().print(args, ret);
        } catch (SyscallError e) {
            return "...";
        }
    }

    private void unknown(long[] args) {
        long number = cpu.gpr[CpuState.RAX];
        syscallCounts.merge("syscall_" + number, 1L, Long::sum);
        cpu.gpr[CpuState.RAX] = -Errno.ENOSYS;
        String call = String.format("syscall_%#x(%#x, %#x, %#x, %#x, %#x, %#x)", number, args[0], args[1],
                args[2], args[3], args[4], args[5]);
        if (config.strace()) {
            if (straceLog.traces(StraceFilter.nameOf(number))) {
                straceLog.call(this, call, Strace.result(-Errno.ENOSYS, false));
            }
        } else if (config.verbose()) {
            log.println(Strace.line(call, Strace.result(-Errno.ENOSYS, false)));
        }
    }

    public long syscallCount() {
        return syscalls;
    }

    public Map<String, Long> syscallCounts() {
        return Map.copyOf(syscallCounts);
    }

    // ---- faults ----

    private static final int SIGBUS = 7, BUS_ADRERR = 2;

    /**
     * Handles a fault the engine threw. A page fault the address space can resolve (demand paging, stack growth)
     * returns true and the instruction is simply retried; anything else kills the process with the signal Linux
     * would send, and returns false.
     */
    public boolean fault(CpuException e) {
        if (caught(e)) {
            return true;
        }
        if (e instanceof PageFault pf) {
            try {
                if (space.resolveFault(pf)) {
                    return true;
                }
            } catch (OutOfGuestMemory oom) {
                observeFault(pf.address, pf.errorCode, FaultRecord.Resolution.OOM_KILL);
                kill(Termination.SIGKILL, "Killed: out of guest memory (rip " + Strace.hex(cpu.rip) + ")",
                        "{si_signo=SIGKILL}");
                return false;
            }
            if (space.pastEndOfFile(pf.address)) {
                observeFault(pf.address, pf.errorCode, FaultRecord.Resolution.SIGBUS);
                kill(SIGBUS, String.format("Bus error at 0x%x (rip 0x%x)", pf.address, cpu.rip),
                        "{si_signo=SIGBUS, si_code=BUS_ADRERR, si_addr=" + Strace.pointer(pf.address) + "}");
                return false;
            }
            String code = space.find(pf.address) != null ? "SEGV_ACCERR" : "SEGV_MAPERR";
            observeFault(pf.address, pf.errorCode, FaultRecord.Resolution.SIGSEGV);
            kill(Termination.SIGSEGV,
                    String.format("Segmentation fault at 0x%x (rip 0x%x)", pf.address, cpu.rip),
                    "{si_signo=SIGSEGV, si_code=" + code + ", si_addr=" + Strace.pointer(pf.address) + "}");
        } else if (e instanceof InvalidOpcode ud) {
            kill(Termination.SIGILL, "Illegal instruction: " + ud.describe(),
                    "{si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=" + Strace.pointer(cpu.rip) + "}");
        } else if (e instanceof DivideError) {
            kill(Termination.SIGFPE, String.format("Floating point exception: divide error (rip 0x%x)", cpu.rip),
                    "{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=" + Strace.pointer(cpu.rip) + "}");
        } else if (e instanceof GeneralProtection gp) {
            kill(Termination.SIGSEGV,
                    String.format("Segmentation fault: general protection fault, %s (rip 0x%x)", gp.reason, cpu.rip),
                    "{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}");
        } else if (e instanceof Breakpoint) {
            kill(Termination.SIGTRAP, String.format("Trace/breakpoint trap (rip 0x%x)", cpu.rip),
                    "{si_signo=SIGTRAP, si_code=SI_KERNEL}");
        } else {
            kill(Termination.SIGSEGV, String.format("Segmentation fault: %s (rip 0x%x)", e.describe(), cpu.rip),
                    "{si_signo=SIGSEGV, si_code=SI_KERNEL}");
        }
        return false;
    }

    /**
     * A fault whose signal the program handles: resolvable page faults aside, the handler gets it with si_addr
     * (CR2 for a page fault, RIP for the others) and the machine resumes in the handler.
     */
    private boolean caught(CpuException e) {
        Signals.Info info;
        if (e instanceof PageFault pf) {
            try {
                if (space.resolveFault(pf)) return true;
            } catch (OutOfGuestMemory oom) {
                return false;
            }
            info = space.pastEndOfFile(pf.address) ? new Signals.Info(SIGBUS, BUS_ADRERR, 0, pf.address, 0)
                    : new Signals.Info(Termination.SIGSEGV, space.find(pf.address) != null ? 2 : 1, 0, pf.address, 0);
        } else if (e instanceof InvalidOpcode) {
            info = new Signals.Info(Termination.SIGILL, 2, 0, cpu.rip, 0);
        } else if (e instanceof DivideError) {
            info = new Signals.Info(Termination.SIGFPE, 1, 0, cpu.rip, 0);
        } else if (e instanceof GeneralProtection) {
            info = new Signals.Info(Termination.SIGSEGV, Signals.SI_KERNEL, 0, 0, 0);
        } else {
            return false;
        }
        if (!signals.canHandleFault(info.signo())) return false;
        long rip = cpu.rip;
        try {
            signals.setupFrame(info);
        } catch (SyscallError unwritableStack) {
            return false;
        }
        if (e instanceof PageFault pf && !observers.none()) {
            observers.pageFault(new FaultRecord(pid, rip, pf.address, pf.errorCode,
                    FaultRecord.Resolution.SIGNAL_HANDLER));
        }
        return true;
    }

    /** Delivers what is pending (signals another process or a timer sent) before the process runs again. */
    public void deliverSignals() {
        fireTimers();
        if (!exited()) signals.deliver();
    }

    /** SIGALRM when ITIMER_REAL's expiry has come on the machine's clock. */
    void fireTimers() {
        if (!exited() && realTimer.fire(procs.monotonicNanos())) {
            signals.post(new Signals.Info(Signals.SIGALRM, Signals.SI_KERNEL, 0, 0, 0));
        }
    }

    /** When the timer would wake this process, or -1: only while SIGALRM could still make a difference. */
    long timerWakeAt() {
        if (exited() || !realTimer.armed() || signals.action(Signals.SIGALRM) == Signals.Action.IGNORE) return -1;
        if ((signals.pendingBlocked() & Signals.bit(Signals.SIGALRM)) != 0) return -1;
        return realTimer.expiresAt();
    }

    /** Calls that a handled signal always ends with EINTR (Linux's ERESTARTNOHAND, ERESTART_RESTARTBLOCK). */
    private static final int POLL = 7, SELECT = 23, PAUSE = 34, NANOSLEEP = 35, RT_SIGTIMEDWAIT = 128;
    private static final int RT_SIGSUSPEND = 130, EPOLL_WAIT = 232, CLOCK_NANOSLEEP = 230, PSELECT6 = 270;
    private static final int PPOLL = 271, EXECVE = 59;

    private static boolean neverRestarted(int number) {
        return switch (number) {
            case POLL, SELECT, PAUSE, NANOSLEEP, RT_SIGTIMEDWAIT, RT_SIGSUSPEND, EPOLL_WAIT, CLOCK_NANOSLEEP, PSELECT6,
                 PPOLL -> true;
            default -> false;
        };
    }

    /**
     * A signal for a process that waits in a system call: a handled one ends the wait so the handler can run (the
     * call returns what it transferred, or is restarted under SA_RESTART, or fails with EINTR); a fatal one kills;
     * a stop signal stops it; an ignored one is dropped and the wait goes on. True if the process no longer waits.
     */
    public boolean interruptBySignal() {
        fireTimers();
        if (stopped || exited()) return false;
        if (signals.pendingIn(waitingFor) != 0) return false; // the retried rt_sigtimedwait takes it
        if (config.strace() && signals.ignoredButTracedPending()) return traceIgnoredWhileWaiting();
        int sig;
        while ((sig = signals.deliverable()) != 0) {
            switch (signals.action(sig)) {
                case IGNORE -> signals.dequeue(sig);
                case STOP -> {
                    stop(signals.dequeue(sig));
                    return false;
                }
                case TERMINATE -> {
                    traceEnd((int) cpu.gpr[CpuState.RAX], "? " + restartName((int) cpu.gpr[CpuState.RAX]));
                    signals.deliver();
                    return true;
                }
                case HANDLE -> {
                    if (vforkChild != null) return false; // vfork's wait is killable only: handlers run after it
                    endWait(sig);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Under strace, an ignored signal (SIGCHLD) wakes a waiting call that cannot finish yet: strace shows the call
     * ended "= ? ERESTART...", the signal, then the call again (restart_syscall for a sleep). The emulated call just
     * goes on waiting; only its trace lines change. True if the call could finish after all.
     */
    private boolean traceIgnoredWhileWaiting() {
        retry();
        if (!blocked()) return true;
        int number = (int) cpu.gpr[CpuState.RAX];
        traceEnd(number, "? " + restartName(number));
        signals.traceIgnored();
        if (number >= 0 && number < MAX_SYSCALL && table[number] != null && straceLog.traces(table[number].name())) {
            Syscall sc = table[number];
            long[] args = {cpu.gpr[CpuState.RDI], cpu.gpr[CpuState.RSI], cpu.gpr[CpuState.RDX],
                cpu.gpr[CpuState.R10], cpu.gpr[CpuState.R8], cpu.gpr[CpuState.R9]};
            if (number == NANOSLEEP || number == CLOCK_NANOSLEEP) straceLog.restarted(this, sc.name());
            else straceLog.blocked(this, sc.name(), printArgs(sc, args, -Errno.EAGAIN));
        }
        return false;
    }

    /** The waiting call's result when a handler for {@code sig} is about to run. */
    private void endWait(int sig) {
        int number = (int) cpu.gpr[CpuState.RAX];
        String restart = restartName(number);
        blockedOn = null;
        if (transferred > 0) {
            cpu.gpr[CpuState.RAX] = transferred;
            traceEnd(number, Long.toString(transferred));
        } else if (!neverRestarted(number) && (sigactions[sig][1] & Signals.SA_RESTART) != 0) {
            traceEnd(number, "? " + restart);
            cpu.rip -= 2; // back onto the SYSCALL, RAX still its number: the handler returns into the call again
        } else {
            process.interrupted(number);
            traceEnd(number, "? " + restart);
            cpu.gpr[CpuState.RAX] = -Errno.EINTR;
        }
        transferred = 0;
        wakeAt = -1;
    }

    /** The restart code strace shows for a waiting call a signal ends. */
    private static String restartName(int number) {
        return neverRestarted(number) ? (number == NANOSLEEP || number == CLOCK_NANOSLEEP
                ? "ERESTART_RESTARTBLOCK (Interrupted by signal)" : "ERESTARTNOHAND (To be restarted if no handler)")
                : "ERESTARTSYS (To be restarted if SA_RESTART is set)";
    }

    /** strace's line for a call that a signal ended while it waited. */
    private void traceEnd(int number, String result) {
        if (!config.strace() || number < 0 || number >= MAX_SYSCALL || table[number] == null
                || !straceLog.traces(table[number].name())) {
            return;
        }
        Syscall sc = table[number];
        long[] args = {cpu.gpr[CpuState.RDI], cpu.gpr[CpuState.RSI], cpu.gpr[CpuState.RDX], cpu.gpr[CpuState.R10],
            cpu.gpr[CpuState.R8], cpu.gpr[CpuState.R9]};
        straceLog.call(this, sc.name() + "(" + printArgs(sc, args, -Errno.EINTR) + ")", result);
    }

    // ---- stopping and continuing ----

    boolean stopped() {
        return stopped;
    }

    /** A stop signal's default action: the process stops, and its parent hears of it (SIGCHLD, wait4). */
    void stop(Signals.Info info) {
        int sig = info.signo();
        stopped = true;
        stopSignal = sig;
        stopUnreported = true;
        continueUnreported = false;
        if (config.strace() && straceLog.tracesSignal(sig)) {
            straceLog.note(this, "--- SIG" + ProcessSyscalls.signame(sig) + " " + Signals.describe(info) + " ---");
            straceLog.note(this, "--- stopped by SIG" + ProcessSyscalls.signame(sig) + " ---");
        }
        notifyParent(Signals.CLD_STOPPED, sig);
    }

    /** SIGCONT: a stopped process runs again (its waiting call, if any, carries on waiting). */
    void resume() {
        if (!stopped) return;
        stopped = false;
        stopUnreported = false;
        continueUnreported = true;
        notifyParent(Signals.CLD_CONTINUED, Signals.SIGCONT);
    }

    private void notifyParent(int code, int sig) {
        Kernel parent = procs.find(ppid);
        if (parent == null || parent.exited()) return;
        if ((parent.sigactions[Signals.SIGCHLD][1] & Signals.SA_NOCLDSTOP) != 0) return;
        parent.signals.post(new Signals.Info(Signals.SIGCHLD, code, pid, 0, sig));
    }

    /** wait4(WUNTRACED)'s status for a stop not yet reported ((sig << 8) | 0x7f), else -1; reporting clears it. */
    int takeStopStatus(boolean consume) {
        if (!stopUnreported) return -1;
        if (consume) stopUnreported = false;
        return (stopSignal << 8) | 0x7f;
    }

    /** wait4(WCONTINUED)'s status 0xffff for a continue not yet reported, else -1. */
    int takeContinueStatus(boolean consume) {
        if (!continueUnreported) return -1;
        if (consume) continueUnreported = false;
        return 0xffff;
    }

    /** Stops the process from outside (a --timeout or --max-instructions limit, a deadlock). */
    public void terminate(Termination t) {
        if (termination != null) return;
        termination = t;
        files.closeAll();
        space.unmapCaches();  // a stopped process's shared file pages still reach the file, as on a kill
    }

    /** Another process's signal with the default action "terminate": it dies without a word. */
    void killedBy(int signal) {
        if (termination != null) return;
        straceLog.forget(this);
        if (config.strace() && straceLog.tracesSignal(signal)) {
            straceLog.note(this, "+++ killed by SIG" + ProcessSyscalls.signame(signal) + " +++");
        }
        termination = Termination.signal(signal, leader() ? ProcessSyscalls.signalMessage(signal) : null);
        if (leader() && termination.message() != null) log.println(termination.message());
        files.closeAll();
    }
}
