package dev.boardup.cli;

import dev.boardup.debug.Debugger;
import dev.boardup.debug.GdbStub;
import dev.boardup.debug.KernelLog;
import dev.boardup.debug.ObjDump;
import dev.boardup.kernel.BadExecutable;
import dev.boardup.kernel.MmConfig;
import dev.boardup.kernel.StraceFilter;
import dev.boardup.machine.Engines;
import dev.boardup.machine.Machine;
import dev.boardup.memory.OutOfGuestMemory;
import dev.boardup.trace.FaultTracer;
import dev.boardup.trace.MmuTracer;
import dev.boardup.trace.RunStatistics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.spi.ToolProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The {@code boardup} command: {@code run} a static x86-64 Linux program (or a C file, compiled first) on the
 * emulated machine, or {@code cc} to compile. Exit statuses follow the shell: the guest's own status, 126 for a
 * file that cannot be executed, 127 for a missing one, 70 for an internal error.
 */
@Command(name = "boardup", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "An x86-64 Linux machine emulated on the JVM.",
        subcommands = {Main.Run.class, Main.Debug.class, Main.Cc.class, Main.Objdump.class, dev.boardup.bench.BenchCommand.class})
public final class Main implements Callable<Integer> {
    public static final String VERSION = "0.1.0";
    public static final int EXIT_CANNOT_EXECUTE = 126, EXIT_NOT_FOUND = 127, EXIT_INTERNAL = 70, EXIT_USAGE = 2;

    static PrintStream out = System.out;
    static PrintStream err = System.err;
    /** Where {@code boardup debug} reads its commands. */
    static InputStream in = System.in;
    /** When set, the guest's standard streams are these instead of the host's own fds (tests, embedding). */
    static boolean captured;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Like {@link #execute(String...)} with boardup's and the guest's output going to the given streams. */
    public static synchronized int execute(PrintStream stdout, PrintStream stderr, String... args) {
        PrintStream savedOut = out, savedErr = err;
        out = stdout;
        err = stderr;
        captured = true;
        try {
            return execute(args);
        } finally {
            out = savedOut;
            err = savedErr;
            captured = false;
        }
    }

    /** Like {@link #execute(PrintStream, PrintStream, String...)}, with {@code stdin} as boardup's own input. */
    public static synchronized int execute(InputStream stdin, PrintStream stdout, PrintStream stderr, String... args) {
        InputStream savedIn = in;
        in = stdin;
        try {
            return execute(stdout, stderr, args);
        } finally {
            in = savedIn;
        }
    }

    /** Runs the command line and returns the exit status, never throwing (for tests and the launcher). */
    public static int execute(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            if (args.length > 0 && args[0].equals("cc")) {
                return compile(Arrays.copyOfRange(args, 1, args.length));
            }
            Run plain = Run.parsePlain(args);
            if (plain != null) return plain.call();
            CommandLine cl = new CommandLine(new Main());
            cl.setExpandAtFiles(false); // a guest argument "@file" reaches the guest as it is, as it would natively
            cl.getSubcommands().get("run").setStopAtPositional(true);
            cl.getSubcommands().get("debug").setStopAtPositional(true);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.setExecutionExceptionHandler((e, cmd, parsed) -> internalError(e, verbose));
            return cl.execute(args);
        } catch (IOException | RuntimeException | Error e) {
            return internalError(e, verbose);
        }
    }

    static int internalError(Throwable e, boolean verbose) {
        err.println("boardup: internal error: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
        if (verbose) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, out);
        return EXIT_USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"boardup " + VERSION + " (Java " + Runtime.version() + ")"};
        }
    }

    /** {@code boardup run}: loads and runs one program. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a static x86-64 Linux executable (or a .c file, compiled first).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--root", paramLabel = "DIR", description = "Host directory the guest sees as / (default: .)")
        Path root = Path.of("");

        @Option(names = "--env", paramLabel = "K=V", description = "Add or replace a guest environment variable.")
        List<String> env = new ArrayList<>();

        @Option(names = "--memory", paramLabel = "SIZE", description = "Guest physical memory, e.g. 256M, 1G "
                + "(default: 1G).")
        String memory = "1G";

        @Option(names = "--engine", paramLabel = "NAME", description = "Execution engine: ${COMPLETION-CANDIDATES}.",
                completionCandidates = EngineNames.class)
        String engine = Engines.DEFAULT;

        @Option(names = "--strace", description = "Print each system call on stderr, as strace does.")
        boolean strace;

        @Option(names = "-e", paramLabel = "EXPR",
                description = "With --strace: which calls to show, as strace's -e trace=SET (implies --strace).")
        List<String> straceExpressions = new ArrayList<>();

        @Option(names = "-o", paramLabel = "FILE", description = "With --strace: write the trace to FILE, each line "
                + "starting with the pid, as strace -f -o does (implies --strace).")
        Path straceFile;

        @Option(names = "--trace-faults", description = "Print each page fault and how the kernel resolved it "
                + "on stderr.")
        boolean traceFaults;

        @Option(names = "--trace-mmu", description = "Print each page-table entry the kernel writes on stderr.")
        boolean traceMmu;

        @Option(names = "--stats", description = "Print execution statistics on stderr at exit.")
        boolean stats;

        @Option(names = "--verbose", description = "Report unknown system calls; show internal stack traces.")
        boolean verbose;

        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "Stop the guest after this long (status 124).")
        Double timeout;

        @Option(names = "--max-instructions", paramLabel = "N",
                description = "Stop the guest after N instructions (status 124).")
        Long maxInstructions;

        @Option(names = "--gdb", paramLabel = "PORT",
                description = "Wait for gdb on 127.0.0.1:PORT (0: any free port) and run under its control "
                        + "(randomisation off unless --seed, as gdbserver does).")
        Integer gdbPort;

        @Option(names = "--no-aslr", description = "Linux's layout without randomisation (as setarch -R): the same "
                + "addresses every run.")
        boolean noAslr;

        @Option(names = "--seed", paramLabel = "N", description = "Seed the randomised layout, AT_RANDOM, /dev/urandom "
                + "and getrandom: the same seed gives the same run.")
        Long seed;

        @Option(names = "--realtime", description = "Sleep and keep time by the host's wall clock (default: virtual "
                + "time, where sleeping costs nothing).")
        boolean realtime;

        @Option(names = "--config", description = "Print the emulated kernel's memory-management configuration for "
                + "these options, and exit.")
        boolean config;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM",
                description = "The executable (or C source) to run.")
        String program;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
        List<String> args = new ArrayList<>();

        /**
         * The common {@code run [--engine NAME] [--strace] [--stats] [--verbose] PROGRAM ARGS...} read without
         * picocli, whose reflective set-up costs more start-up time than a short guest's whole run; null for any
         * other command line, which picocli then parses (and reports on).
         */
        static Run parsePlain(String[] args) {
            if (args.length < 2 || !args[0].equals("run")) return null;
            Run run = new Run();
            int i = 1;
            for (; i < args.length && args[i].startsWith("-"); i++) {
                switch (args[i]) {
                    case "--strace" -> run.strace = true;
                    case "--stats" -> run.stats = true;
                    case "--verbose" -> run.verbose = true;
                    case "--engine" -> {
                        if (++i == args.length) return null;
                        run.engine = args[i];
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (i == args.length) return null;
            run.program = args[i];
            run.args = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
            return run;
        }

        @Override
        public Integer call() throws IOException {
            long memoryBytes;
            try {
                memoryBytes = parseSize(memory);
            } catch (IllegalArgumentException e) {
                err.println("boardup: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (config) {
                out.print(MmConfig.listing(!noAslr, seed, memoryBytes, realtime));
                out.flush();
                return 0;
            }
            if (program == null) {
                err.println("boardup run: missing PROGRAM (see boardup run --help)");
                return EXIT_USAGE;
            }
            if (!Engines.names().contains(engine)) {
                err.println("boardup: unknown engine '" + engine + "' (choose from " + String.join(", ",
                        Engines.names()) + ")");
                return EXIT_USAGE;
            }
            Path path = Path.of(program);
            if (!Files.exists(path)) {
                err.println("boardup: " + program + ": No such file or directory");
                return EXIT_NOT_FOUND;
            }
            StraceFilter straceFilter;
            try {
                straceFilter = StraceFilter.parse(straceExpressions);
            } catch (IllegalArgumentException e) {
                err.println("boardup: " + e.getMessage());
                return EXIT_USAGE;
            }
            Path toRun = path;
            if (program.endsWith(".c")) {
                toRun = Files.createTempFile("boardup-", ".elf");
                int status = compile(path.toString(), "-o", toRun.toString());
                if (status != 0) {
                    Files.deleteIfExists(toRun);
                    return status;
                }
            }
            OutputStream straceOut = null;
            if (straceFile != null) {
                try {
                    straceOut = new BufferedOutputStream(Files.newOutputStream(straceFile));
                } catch (IOException e) {
                    err.println("boardup: " + straceFile + ": cannot write the trace (" + e.getClass().getSimpleName()
                            + ")");
                    if (!toRun.equals(path)) Files.deleteIfExists(toRun);
                    return EXIT_USAGE;
                }
            }
            try {
                boolean tracing = strace || !straceExpressions.isEmpty() || straceFile != null;
                Machine.Builder b = Machine.builder().program(toRun).argv0(program).args(args).env(env)
                        .root(root.toAbsolutePath()).memoryBytes(memoryBytes).engine(engine).strace(tracing)
                        .straceFilter(straceFilter).verbose(verbose).aslr(!noAslr).seed(seed).realtime(realtime);
                if (straceOut != null) b.straceOutput(straceOut);
                if (traceFaults) b.observer(new FaultTracer(err));
                if (traceMmu) b.observer(new MmuTracer(err));
                RunStatistics statistics = new RunStatistics();
                if (stats) b.observer(statistics);
                if (captured) b.streams(InputStream.nullInputStream(), out, err);
                if (timeout != null) b.timeout(Duration.ofMillis((long) (timeout * 1000)));
                if (maxInstructions != null) b.maxInstructions(maxInstructions);
                if (gdbPort != null) b.engine("interpreter"); // the debugger steps one instruction at a time
                if (gdbPort != null && seed == null) b.aslr(false); // as gdbserver, which disables randomisation
                Machine m = b.build();
                if (gdbPort != null) return new GdbStub(m).listen(gdbPort, err);
                Engines.slowRuntimeWarning(m.engine()).ifPresent(err::println);
                int status = m.run();
                if (stats) err.print(statistics.format(m.stats()));
                return status;
            } catch (NoSuchFileException e) {
                err.println("boardup: " + program + ": No such file or directory");
                return EXIT_NOT_FOUND;
            } catch (BadExecutable e) {
                err.println("boardup: " + program + ": cannot execute: " + e.getMessage());
                return EXIT_CANNOT_EXECUTE;
            } catch (OutOfGuestMemory e) {
                err.println("boardup: " + program + ": cannot execute: out of guest memory (try a larger --memory)");
                return EXIT_CANNOT_EXECUTE;
            } finally {
                if (straceOut != null) straceOut.close();
                if (!toRun.equals(path)) Files.deleteIfExists(toRun);
            }
        }
    }

    /**
     * {@code boardup debug}: the program under the interactive debugger (commands from the terminal, or from stdin
     * when it is not one; the guest's own stdin is empty), or under gdb with {@code --gdb}. A C file is compiled
     * with -g first.
     */
    @Command(name = "debug", mixinStandardHelpOptions = true,
            description = "Debug a static x86-64 Linux executable (or a .c file, compiled with -g): stepi, step, "
                    + "break, watch, x, info registers, bt, pagewalk, tlb... (type help).")
    static final class Debug implements Callable<Integer> {
        @Option(names = "--root", paramLabel = "DIR", description = "Host directory the guest sees as / (default: .)")
        Path root = Path.of("");

        @Option(names = "--env", paramLabel = "K=V", description = "Add or replace a guest environment variable.")
        List<String> env = new ArrayList<>();

        @Option(names = "--memory", paramLabel = "SIZE", description = "Guest physical memory (default: 1G).")
        String memory = "1G";

        @Option(names = "--gdb", paramLabel = "PORT",
                description = "Serve gdb on 127.0.0.1:PORT (0: any free port) instead of the command loop.")
        Integer gdbPort;

        @Parameters(index = "0", paramLabel = "PROGRAM", description = "The executable (or C source) to debug.")
        String program;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            long memoryBytes;
            try {
                memoryBytes = parseSize(memory);
            } catch (IllegalArgumentException e) {
                err.println("boardup: " + e.getMessage());
                return EXIT_USAGE;
            }
            Path path = Path.of(program);
            if (!Files.exists(path)) {
                err.println("boardup: " + program + ": No such file or directory");
                return EXIT_NOT_FOUND;
            }
            Path toRun = path;
            if (program.endsWith(".c")) {
                toRun = Files.createTempFile("boardup-", ".elf");
                int status = compile("-g", path.toString(), "-o", toRun.toString());
                if (status != 0) {
                    Files.deleteIfExists(toRun);
                    return status;
                }
            }
            try {
                KernelLog log = new KernelLog();
                Machine m = Machine.builder().program(toRun).argv0(program).args(args).env(env)
                        .root(root.toAbsolutePath()).memoryBytes(memoryBytes).engine("interpreter")
                        // as gdb's default "set disable-randomization on": the same addresses every session
                        .aslr(false)
                        .streams(InputStream.nullInputStream(), out, err).observer(log).build();
                if (gdbPort != null) return new GdbStub(m).listen(gdbPort, err);
                boolean terminal = !captured && System.console() != null && System.console().isTerminal();
                return new Debugger(m, log, path, Files.readAllBytes(toRun), out).run(in, terminal);
            } catch (NoSuchFileException e) {
                err.println("boardup: " + program + ": No such file or directory");
                return EXIT_NOT_FOUND;
            } catch (BadExecutable e) {
                err.println("boardup: " + program + ": cannot execute: " + e.getMessage());
                return EXIT_CANNOT_EXECUTE;
            } catch (IllegalArgumentException e) {
                err.println("boardup: " + program + ": " + e.getMessage());
                return EXIT_CANNOT_EXECUTE;
            } catch (OutOfGuestMemory e) {
                err.println("boardup: " + program + ": cannot execute: out of guest memory (try a larger --memory)");
                return EXIT_CANNOT_EXECUTE;
            } finally {
                if (!toRun.equals(path)) Files.deleteIfExists(toRun);
            }
        }
    }

    /** {@code boardup cc}: hands its arguments to the toolchain's gcc-like driver. */
    @Command(name = "cc", description = "Compile and link C programs (gcc-like options).")
    static final class Cc implements Callable<Integer> {
        @Parameters(paramLabel = "ARGS", description = "Arguments for the compiler driver.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return compile(args.toArray(String[]::new));
        }
    }

    /** {@code boardup objdump -d}: disassembles the code sections of ELF files as GNU objdump -d does. */
    @Command(name = "objdump", description = "Disassemble the code sections of ELF files (like objdump -d).")
    static final class Objdump implements Callable<Integer> {
        @Option(names = {"-d", "--disassemble"}, required = true, description = "Disassemble the code sections.")
        boolean disassemble;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "ELF files (executables or objects).")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            int status = 0;
            for (String file : files) {
                try {
                    out.print(ObjDump.disassemble(file, Files.readAllBytes(Path.of(file))));
                } catch (NoSuchFileException e) {
                    err.println("boardup objdump: '" + file + "': No such file");
                    status = 1;
                } catch (IOException | IllegalArgumentException e) {
                    err.println("boardup objdump: " + file + ": " + e.getMessage());
                    status = 1;
                }
            }
            out.flush();
            return status;
        }
    }

    static int compile(String... args) {
        Optional<ToolProvider> cc = ToolProvider.findFirst("boardup-cc");
        if (cc.isEmpty()) {
            err.println("boardup: the C compiler (tool 'boardup-cc') is not available in this build");
            return EXIT_NOT_FOUND;
        }
        return cc.get().run(new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    static final class EngineNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        EngineNames() {
            super(Engines.names());
        }
    }

    /** "512M", "1G", "65536K" or plain bytes. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase();
        long unit = 1;
        if (t.endsWith("IB")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        else if (t.endsWith("G")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 1L << 20 || v > 64L << 30) throw new IllegalArgumentException("memory size " + s
                    + " out of range (1M to 64G)");
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad memory size '" + s + "' (use e.g. 512M or 1G)");
        }
    }
}
