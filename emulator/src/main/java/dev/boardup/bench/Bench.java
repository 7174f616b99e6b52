package dev.boardup.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark suite's engine room: compiles every program in the bench directory with each compiler, then runs
 * the builds round by round — natively first, then on each runner — so that every ratio against native compares
 * two runs made moments apart. Every run's output must equal the reference: the program's {@code NAME.expected}
 * file when there is one, else the native run of its gcc build.
 */
final class Bench {
    /** What to run; the CLI fills it in. */
    record Options(Path programs, List<String> only, List<Runner> runners, int runs, Duration timeout,
            boolean boardupCc, Path home, boolean quick) {
        /** The compilers' extra flags: --quick builds the programs at their small smoke-test sizes. */
        List<String> flags() {
            return quick ? List.of("-D" + QUICK_MACRO) : List.of();
        }
    }

    /** Defined when building for --quick; each program then picks sizes that run in a blink. */
    static final String QUICK_MACRO = "BENCH_QUICK";

    private final Options options;
    private final PrintWriter progress;

    Bench(Options options, PrintWriter progress) {
        this.options = options;
        this.progress = progress;
    }

    /** The benchmark sources, NAME.c in the programs directory, in name order, filtered by --only. */
    List<Path> sources() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(options.programs())) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        }
        if (options.only().isEmpty()) {
            return all.stream().filter(p -> !name(p).equals("tiny")).toList();
        }
        List<Path> chosen = new ArrayList<>();
        for (String name : options.only()) {
            Path p = options.programs().resolve(name + ".c");
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no benchmark '" + name + "' in " + options.programs());
            }
            chosen.add(p);
        }
        return chosen;
    }

    static String name(Path source) {
        String f = source.getFileName().toString();
        return f.substring(0, f.length() - 2);
    }

    /** Builds, runs and verifies everything; the rows in table order (benchmark, compiler, runner). */
    List<Row> run(Path work) throws IOException, InterruptedException {
        List<Path> sources = sources();
        GuestLibc libc = options.boardupCc() ? GuestLibc.find(options.home(), work, progress) : null;
        List<Build> builds = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<Build, List<Row>> rowsOf = new LinkedHashMap<>();
        for (Path source : sources) {
            String name = name(source);
            progress.printf("building %s%n", name);
            progress.flush();
            List<Build> mine = new ArrayList<>();
            mine.add(Build.withGcc(name, source, work, options.flags()));
            if (options.boardupCc()) mine.add(Build.withBoardupCc(name, source, work, libc, options.flags()));
            for (Build b : mine) {
                if (!b.ok()) {
                    Row r = new Row(name, b.compiler(), "-");
                    r.fail("build failed: " + b.error());
                    rows.add(r);
                    continue;
                }
                builds.add(b);
                List<Row> its = new ArrayList<>();
                its.add(new Row(name, b.compiler(), "native"));
                for (Runner runner : options.runners()) its.add(new Row(name, b.compiler(), runner.name()));
                rowsOf.put(b, its);
                rows.addAll(its);
            }
        }
        Map<String, String> reference = new LinkedHashMap<>();
        for (Path source : sources) {
            Path expected = source.resolveSibling(name(source) + ".expected");
            // NAME.expected is the full-size output: a --quick build is checked against its native run instead
            if (!options.quick() && Files.isRegularFile(expected)) {
                reference.put(name(source), Files.readString(expected));
            }
        }
        Path sandbox = Files.createDirectories(work.resolve("sandbox"));
        Runner nativeRunner = new Runner.Native();
        for (int round = 1; round <= options.runs(); round++) {
            for (Build b : builds) {
                List<Row> its = rowsOf.get(b);
                progress.printf("round %d/%d: %s (%s)%n", round, options.runs(), b.benchmark(), b.compiler());
                progress.flush();
                Measurement base = nativeRunner.run(b.executable(), sandbox, options.timeout());
                if (b.compiler().equals(Build.GCC) && base.status() == 0) {
                    reference.putIfAbsent(b.benchmark(), base.stdout());
                }
                record(its.get(0), base, base, reference);
                for (int i = 0; i < options.runners().size(); i++) {
                    Measurement m = options.runners().get(i).run(b.executable(), sandbox, options.timeout());
                    record(its.get(i + 1), m, base, reference);
                }
            }
        }
        return rows;
    }

    /** Adds one run to its row, checking status and checksum and computing the ratio against this round's native. */
    private static void record(Row row, Measurement m, Measurement nativeRun, Map<String, String> reference) {
        row.runs.add(m);
        String expected = reference.get(row.benchmark);
        if (m.status() != 0) {
            String detail = m.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            row.fail((m.status() == 124 ? "timed out" : "exit status " + m.status())
                    + (detail.isEmpty() ? "" : ": " + detail));
        } else if (expected == null) {
            row.fail("no reference output to check against");
        } else if (!expected.equals(m.stdout())) {
            row.fail("checksum mismatch: got '" + m.stdout().strip() + "', expected '" + expected.strip() + "'");
        }
        if (nativeRun.status() == 0 && m.status() == 0 && nativeRun.seconds() > 0) {
            row.ratios.add(m.seconds() / nativeRun.seconds());
        }
    }

    static boolean allPassed(List<Row> rows) {
        // our own compiler not managing a program is a finding for the table, not a broken benchmark
        return rows.stream().noneMatch(r -> r.failed() && !(r.compiler.equals(Build.BOARDUP_CC) && r.runs.isEmpty()));
    }
}
