package dev.boardup.bench;

import dev.boardup.cpu.truffle.TruffleEngine;
import dev.boardup.machine.Engines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boardup bench}: builds the benchmark programs, runs them natively, on boardup's engines and under qemu,
 * verifies every run's checksum, and prints (or writes to docs/PERFORMANCE.md) the times. Exit status 0 when every
 * run printed what the native run printed, 1 when one did not, 2 for bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark suite natively, on boardup's engines and under qemu; compare the times.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each benchmark on each runner (default: 3).")
    int runs = 3;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Only these benchmarks.")
    List<String> only = new ArrayList<>();

    @Option(names = "--engines", paramLabel = "NAME", split = ",",
            description = "boardup engines to measure (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = EngineNames.class)
    List<String> engines = new ArrayList<>(Engines.names());

    @Option(names = "--quick", description = "A smoke test: one run, each program built at a small size "
            + "(-DBENCH_QUICK); the checksums are still verified.")
    boolean quick;

    @Option(names = "--no-qemu", description = "Leave qemu-x86_64 out even when it is installed.")
    boolean noQemu;

    @Option(names = "--no-boardup-cc", description = "Build with gcc only, not also with boardup cc.")
    boolean noBoardupCc;

    @Option(names = "--no-hello", description = "Leave out hello world end to end (which starts ./boardup).")
    boolean noHello;

    @Option(names = "--write-report", description = "Rewrite docs/PERFORMANCE.md with the results.")
    boolean writeReport;

    @Option(names = "--programs", paramLabel = "DIR",
            description = "Directory of benchmark sources (default: guest-programs/bench under boardup's home).")
    Path programs;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Limit for one run (default: 600).")
    int timeoutSeconds = 600;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        for (String e : engines) {
            if (!Engines.names().contains(e)) {
                err.println("boardup: unknown engine '" + e + "' (choose from " + String.join(", ", Engines.names())
                        + ")");
                return 2;
            }
        }
        if (quick) runs = 1;
        if (runs < 1) {
            err.println("boardup: --runs must be at least 1");
            return 2;
        }
        Path home = Path.of(System.getProperty("boardup.home", ".")).toAbsolutePath().normalize();
        Path dir = programs != null ? programs : home.resolve("guest-programs/bench");
        if (!Files.isDirectory(dir)) {
            err.println("boardup: no benchmark directory " + dir);
            return 2;
        }
        List<Runner> runners = new ArrayList<>();
        engines.forEach(e -> runners.add(new Runner.Emulated(e)));
        String qemu = noQemu ? null : Host.onPath("qemu-x86_64");
        if (qemu != null) runners.add(new Runner.Qemu(qemu));
        if (engines.contains("truffle") && !new TruffleEngine().isOptimizing()) {
            err.println("boardup: WARNING: Truffle's optimizing runtime is not active (runtime '"
                    + TruffleEngine.runtimeName() + "'): truffle numbers are interpreter-only numbers");
        }
        Bench bench = new Bench(new Bench.Options(dir, only, runners, runs, Duration.ofSeconds(timeoutSeconds),
                !noBoardupCc, home, quick), err);
        Path work = Files.createTempDirectory("boardup-bench-");
        try {
            List<Row> rows;
            try {
                rows = bench.run(work);
            } catch (IllegalArgumentException e) {
                err.println("boardup: " + e.getMessage());
                return 2;
            }
            EndToEnd.Result hello = only.isEmpty() && !noHello ? EndToEnd.hello(home, work, runs) : null;
            out.print(Table.text(rows));
            if (hello != null) out.println(hello.describe());
            out.println("goals (issue #7):");
            Goals.lines(rows, hello).forEach(g -> out.println("  " + g));
            if (writeReport) {
                Path report = home.resolve("docs/PERFORMANCE.md");
                Files.createDirectories(report.getParent());
                String command = "./boardup bench "
                        + String.join(" ", spec.commandLine().getParseResult().originalArgs());
                Files.writeString(report, Report.markdown(rows, hello, command, quick, engines, qemu));
                out.println("wrote " + report);
            }
            out.flush();
            return Bench.allPassed(rows) ? 0 : 1;
        } finally {
            deleteTree(work);
        }
    }

    /** The engines --engines offers, for the help text. */
    static final class EngineNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        EngineNames() {
            super(Engines.names());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
