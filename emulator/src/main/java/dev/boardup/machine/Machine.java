package dev.boardup.machine;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.kernel.AddressSpace;
import dev.boardup.kernel.BadExecutable;
import dev.boardup.kernel.ElfFile;
import dev.boardup.kernel.Vdso;
import dev.boardup.kernel.ElfLoader;
import dev.boardup.kernel.Identity;
import dev.boardup.kernel.InitialStack;
import dev.boardup.kernel.Kernel;
import dev.boardup.kernel.KernelConfig;
import dev.boardup.kernel.Layout;
import dev.boardup.kernel.KernelObserver;
import dev.boardup.kernel.ProcessTable;
import dev.boardup.kernel.Sandbox;
import dev.boardup.kernel.Stat;
import dev.boardup.kernel.StraceFilter;
import dev.boardup.kernel.Termination;
import dev.boardup.kernel.Vma;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.OutOfGuestMemory;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.VirtualMemory;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One emulated x86-64 computer running a Linux program and the processes it forks: guest physical memory, page
 * tables and an MMU per process, one CPU engine and the kernel. {@link #run} is the machine loop: the engine runs guest code until it needs the kernel
 * (a SYSCALL or a fault), the kernel answers, and round it goes until the process exits. Build one with
 * {@link #builder()}.
 */
public final class Machine {
    /** The exit status for a guest stopped by --timeout or --max-instructions, as timeout(1) uses. */
    public static final int TIMEOUT_STATUS = 124;
    /** How many instructions the engine runs before the loop looks at the clock and the limits. */
    static final long SLICE = 1 << 20;
    /** AT_HWCAP: CPUID.1:EDX as the emulated CPU reports it (TSC, CX8, CMOV, SSE, SSE2). */
    static final long HWCAP = (1 << 4) | (1 << 8) | (1 << 15) | (1 << 25) | (1 << 26);

    private final Builder config;
    private final PhysicalMemory physical;
    private final PageTables tables;
    private final Mmu mmu;
    private final AddressSpace space;
    private final CpuState cpu = new CpuState();
    private final Engine engine;
    private final Kernel kernel;
    private final PrintStream err;
    /** Where each exec puts things, and the seed of every random byte the guest sees. */
    private final Layout layout;
    /** TLB lookups of every process's MMU, added up after each turn. */
    private long tlbHits, tlbMisses;

    private Machine(Builder b) throws IOException, BadExecutable {
        this.config = b;
        byte[] image = readProgram(b.program);
        ElfFile elf = ElfFile.parse(image);
        this.physical = PhysicalMemory.ofBytes(b.memoryBytes);
        this.tables = new PageTables(physical);
        this.mmu = new Mmu(physical);
        mmu.setCr3(tables.cr3());
        this.space = new AddressSpace(physical, tables, mmu);
        this.engine = b.engine != null ? b.engine : Engines.create(b.engineName);
        space.onUnmap(engine::invalidate);
        mmu.setCodeWriteListener(pageVa -> engine.invalidate(pageVa, pageVa + AddressSpace.PAGE));
        this.err = new PrintStream(b.stderr, true, StandardCharsets.UTF_8);
        this.layout = b.aslr ? Layout.randomized(b.seed) : Layout.fixed(b.seed);
        KernelConfig kc = new KernelConfig(b.stdin, b.stdout, b.stderr, b.hostStreams, b.root, b.program, b.strace,
                b.verbose, layout, b.realtime);
        this.kernel = new Kernel(cpu, space, new Sandbox(b.root), kc);
        b.observers.forEach(this::addObserver);
        if (b.straceOutput != null || b.straceFilter != StraceFilter.ALL) {
            kernel.straceTo(b.straceOutput != null ? new PrintStream(b.straceOutput, true, StandardCharsets.UTF_8)
                    : new PrintStream(b.stderr, true, StandardCharsets.UTF_8), b.straceFilter, b.straceOutput != null);
        }
        kernel.user().onCodeWrite(engine::invalidate);
        kernel.processes().onFork(child -> child.addressSpace().mmu().setCodeWriteListener(
                pageVa -> engine.invalidate(pageVa, pageVa + AddressSpace.PAGE)));
        kernel.processes().onExec(this::exec);
        List<String> argv = new ArrayList<>();
        argv.add(config.argv0 != null ? config.argv0 : config.program.toString());
        argv.addAll(config.args);
        exec(kernel, elf, config.program, config.program.toAbsolutePath().normalize().toString(), argv,
                environment());
    }

    public static Builder builder() {
        return new Builder();
    }

    private static byte[] readProgram(Path program) throws IOException, BadExecutable {
        if (Files.isDirectory(program)) {
            throw new BadExecutable("is a directory");
        }
        return Files.readAllBytes(program);
    }

    /**
     * execve's second half: the program's segments, its stack, and the registers Linux starts it with, at the
     * bases the machine's {@link Layout} picks for this exec (random ones under ASLR).
     */
    private void exec(Kernel k, ElfFile elf, Path program, String path, List<String> argv, List<String> env) {
        AddressSpace space = k.addressSpace();
        CpuState cpu = k.cpu();
        space.setMmapBase(layout.mmapBase(space.stackLimit()));
        long stackTop = layout.stackTop();
        ElfLoader.Loaded loaded = ElfLoader.load(elf, space, program.toAbsolutePath().normalize().toString(),
                fileRef(program));
        space.setBrkStart(layout.brkStart(loaded.brkStart()));
        long vdso = mapVdso(space);
        byte[] random = new byte[16];
        layout.nextBytes(random);
        InitialStack.Image stack = InitialStack.build(stackTop, argv, env, execed ? path : argv.get(0),
                random, new InitialStack.ProgramInfo(loaded.phdr(), loaded.phnum(), loaded.entry(), HWCAP, 0,
                        Identity.UID, Identity.GID, vdso), layout::alignStack);
        int prot = Vma.PROT_READ | Vma.PROT_WRITE | (loaded.executableStack() ? Vma.PROT_EXEC : 0);
        // Linux's setup_arg_pages gives the stack 128 KiB beyond its arguments up front; below, it grows on faults.
        long stackStart = Math.min(AddressSpace.pageDown(stack.strings()) - 32 * AddressSpace.PAGE,
                AddressSpace.pageDown(stack.sp()));
        space.add(stackStart, stackTop, prot, "[stack]", null, 0);
        k.user().write(stack.sp(), stack.bytes());
        k.traceExec(execed ? path : argv.get(0), argv,
                stack.sp() + 8L * (argv.size() + 2), env.size());
        execed = true;
        cpu.rip = loaded.entry();
        cpu.gpr[CpuState.RSP] = stack.sp();
    }

    private static Vma.FileRef fileRef(Path program) {
        try {
            Stat s = Stat.of(program, true);
            return new Vma.FileRef(s.dev(), s.ino(), 0);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Linux maps [vvar] and [vdso] (8 pages on this kernel) top-down in the mmap area right after the program
     * (above it for a fixed-address executable, below it for a static PIE), so the first mmap lands where it does
     * natively. [vdso] holds a {@link Vdso} image (an ELF object with no functions: libc makes the system calls),
     * whose address AT_SYSINFO_EHDR gives; the [vvar] pages carry Linux's names and permissions and read as zeros.
     */
    private boolean execed;

    private static long mapVdso(AddressSpace space) {
        long page = AddressSpace.PAGE;
        long at = space.findFreeTopDown(8 * page);
        space.add(at, at + 4 * page, Vma.PROT_READ, "[vvar]", null, 0);
        space.add(at + 4 * page, at + 6 * page, Vma.PROT_READ, "[vvar_vclock]", null, 0);
        space.add(at + 6 * page, at + 8 * page, Vma.PROT_READ | Vma.PROT_EXEC, "[vdso]", Vdso.image(), 0);
        return at + 6 * page;
    }

    /** The guest's environment: a small fixed one, not the host's, plus what --env added or replaced. */
    private List<String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/");
        String term = System.getenv("TERM");
        if (term != null && config.hostStreams) {
            env.put("TERM", term);
        }
        for (String kv : config.env) {
            int eq = kv.indexOf('=');
            env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /**
     * Runs the program, and every process it forks, to the end and returns the first process's exit status as a
     * shell would report it. The scheduler is deterministic: round-robin in creation order, each process running up
     * to {@link #SLICE} instructions or until it waits; a waiting process's system call is retried each round; when
     * nobody can run, the virtual clock jumps to the earliest sleeper's wake-up, and without a sleeper everyone
     * waits forever, which ends the machine with a message.
     */
    public int run() {
        long deadline = config.timeout == null ? Long.MAX_VALUE : System.nanoTime() + config.timeout.toNanos();
        ProcessTable procs = kernel.processes();
        while (procs.anyAlive()) {
            boolean progressed = false;
            for (Kernel k : procs.processes()) {
                if (k.exited()) continue;
                if (k.blocked()) {
                    if (!k.interruptBySignal()) k.retry();
                    if (k.blocked()) continue;
                }
                k.deliverSignals();
                progressed = true;
                if (!k.exited()) {
                    String limit = limitReached(deadline);
                    if (limit != null) {
                        stopAtLimit(limit, k);
                        return kernel.termination().status();
                    }
                    runSlice(k, budget());
                }
                if (k.exited()) procs.ended(k);
            }
            if (!progressed && !procs.wakeEarliestSleeper()) {
                deadlock(procs);
            }
        }
        return kernel.termination().status();
    }

    private long budget() {
        if (config.maxInstructions <= 0) return SLICE;
        return Math.max(1, Math.min(SLICE, config.maxInstructions - engine.instructionsRetired()));
    }

    private String limitReached(long deadline) {
        if (config.maxInstructions > 0 && engine.instructionsRetired() >= config.maxInstructions) {
            return "instruction limit of " + config.maxInstructions + " reached";
        }
        if (System.nanoTime() > deadline) {
            return "timed out after " + config.timeout.toSeconds() + " s";
        }
        return null;
    }

    /** One process's turn: up to {@code budget} instructions, less if it ends or starts waiting. */
    private void runSlice(Kernel k, long budget) {
        long start = engine.instructionsRetired();
        while (!k.exited() && !k.blocked()) {
            long left = budget - (engine.instructionsRetired() - start);
            if (left <= 0) break;
            step(k, left);
        }
    }

    /**
     * One turn of the first process, for a debugger: up to {@code budget} instructions with the engine reading and
     * writing through {@code memory} (the MMU itself, or a debugger's watching view of it), then the kernel for a
     * SYSCALL or fault.
     */
    public void step(VirtualMemory memory, long budget) {
        step(kernel, memory, budget);
    }

    private void step(Kernel k, long budget) {
        step(k, k.addressSpace().mmu(), budget);
    }

    private void step(Kernel k, VirtualMemory memory, long budget) {
        Mmu mmu = k.addressSpace().mmu();
        long hits = mmu.tlbHits(), misses = mmu.tlbMisses();
        try {
            Engine.Stop stop = engine.run(k.cpu(), memory, budget);
            if (stop == Engine.Stop.SYSCALL) {
                k.syscall();
            }
        } catch (CpuException e) {
            k.fault(e);
        } catch (OutOfGuestMemory e) {
            k.kill(Termination.SIGKILL, "Killed: out of guest memory (" + e.getMessage() + ")",
                    "{si_signo=SIGKILL}");
        } finally {
            tlbHits += mmu.tlbHits() - hits;
            tlbMisses += mmu.tlbMisses() - misses;
        }
    }

    private void stopAtLimit(String why, Kernel running) {
        String message = "boardup: " + why + " (rip 0x" + Long.toHexString(running.cpu().rip) + ")";
        err.println(message);
        for (Kernel k : kernel.processes().processes()) {
            k.terminate(new Termination(TIMEOUT_STATUS, 0, message));
        }
    }

    /** Every live process waits for another: nothing can ever happen again. */
    private void deadlock(ProcessTable procs) {
        String why = null;
        for (Kernel k : procs.processes()) {
            if (!k.exited() && k.blocked()) {
                why = k.blockedOn();
                break;
            }
        }
        String message = "boardup: the guest would wait forever: " + why;
        err.println(message);
        for (Kernel k : procs.processes()) {
            if (!k.exited()) {
                k.terminate(new Termination(TIMEOUT_STATUS, 0, message));
                procs.ended(k);
            }
        }
    }

    /** Memory as this machine's CPU sees it: virtual addresses through the MMU. */
    public VirtualMemory memory() {
        return mmu;
    }

    public Engine engine() {
        return engine;
    }

    public CpuState cpu() {
        return cpu;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Lets {@code observer} watch every process's kernel from now on: faults, system calls, page-table writes. */
    public void addObserver(KernelObserver observer) {
        kernel.observers().add(observer);
    }

    public void removeObserver(KernelObserver observer) {
        kernel.observers().remove(observer);
    }

    public Termination termination() {
        return kernel.termination();
    }

    public Stats stats() {
        return new Stats(engine.name(), engine.instructionsRetired(), kernel.syscallCount(), kernel.syscallCounts(),
                space.pageFaults(), tlbHits, tlbMisses, physical.peakFramesInUse(), Engines.stats(engine));
    }

    /** What --stats prints at exit. */
    public record Stats(String engine, long instructions, long syscalls, Map<String, Long> syscallsByName,
                        long pageFaults, long tlbHits, long tlbMisses, int peakFrames, String engineStats) {
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("engine:        %s%n", engine));
            sb.append(String.format("instructions:  %d%n", instructions));
            sb.append(String.format("syscalls:      %d%n", syscalls));
            new TreeMap<>(syscallsByName).forEach(
                    (name, n) -> sb.append(String.format("  %-20s %d%n", name, n)));
            sb.append(String.format("page faults:   %d%n", pageFaults));
            sb.append(String.format("TLB:           %d hits, %d misses%n", tlbHits, tlbMisses));
            sb.append(String.format("peak memory:   %d KiB%n", peakFrames * 4L));
            sb.append(engineStats);
            return sb.toString();
        }
    }

    /** Configuration of a {@link Machine}; every setting has the CLI's default. */
    public static final class Builder {
        Path program;
        String argv0;
        List<String> args = List.of();
        List<String> env = List.of();
        Path root = Path.of("").toAbsolutePath();
        long memoryBytes = 1L << 30;
        String engineName = Engines.DEFAULT;
        Engine engine;
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        boolean hostStreams = true;
        boolean strace;
        boolean verbose;
        Duration timeout;
        long maxInstructions;
        boolean aslr = true;
        Long seed;
        boolean realtime;
        List<KernelObserver> observers = new ArrayList<>();
        StraceFilter straceFilter = StraceFilter.ALL;
        OutputStream straceOutput;

        private Builder() {}

        /** An observer that watches from the start, the first program's loading included. */
        public Builder observer(KernelObserver observer) {
            observers.add(observer);
            return this;
        }

        public Builder program(Path program) {
            this.program = program;
            return this;
        }

        /** argv[0] as the guest sees it (and AT_EXECFN); by default the program path as given. */
        public Builder argv0(String argv0) {
            this.argv0 = argv0;
            return this;
        }

        /** The guest's arguments after argv[0]. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** Extra environment entries "K=V", added to or replacing the small default environment. */
        public Builder env(List<String> env) {
            this.env = List.copyOf(env);
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public Builder memoryBytes(long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder engine(String name) {
            this.engineName = name;
            return this;
        }

        public Builder engine(Engine engine) {
            this.engine = engine;
            return this;
        }

        /** Captured standard streams: the guest sees them as pipes, not as the host's terminal. */
        public Builder streams(InputStream in, OutputStream out, OutputStream err) {
            this.stdin = in;
            this.stdout = out;
            this.stderr = err;
            this.hostStreams = false;
            return this;
        }

        public Builder strace(boolean on) {
            this.strace = on;
            return this;
        }

        /** Which calls --strace shows (strace's -e trace=). */
        public Builder straceFilter(StraceFilter filter) {
            this.straceFilter = filter;
            return this;
        }

        /** Where --strace writes instead of stderr (strace's -o FILE: every line then starts with the pid). */
        public Builder straceOutput(OutputStream out) {
            this.straceOutput = out;
            return this;
        }

        public Builder verbose(boolean on) {
            this.verbose = on;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** False: Linux's layout with randomisation off (setarch -R), the same addresses every run. */
        public Builder aslr(boolean on) {
            this.aslr = on;
            return this;
        }

        /** The seed of the randomised layout and of AT_RANDOM, /dev/urandom and getrandom (null: a fresh one). */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** True: sleeping and the clocks follow the host's wall clock instead of virtual time. */
        public Builder realtime(boolean on) {
            this.realtime = on;
            return this;
        }

        public Builder maxInstructions(long n) {
            this.maxInstructions = n;
            return this;
        }

        /** Loads the program into a new machine, ready to {@link Machine#run}. */
        public Machine build() throws IOException, BadExecutable {
            if (program == null) {
                throw new IllegalStateException("no program given");
            }
            return new Machine(this);
        }
    }
}
