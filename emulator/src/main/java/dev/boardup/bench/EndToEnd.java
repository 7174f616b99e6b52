package dev.boardup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "hello world" end to end, as a user types it, JVM start, class loading and engine start-up included: {@code
 * ./boardup run hello} of a prebuilt static executable (gcc's, against the same binary run natively), and {@code
 * ./boardup cc hello.c}.
 */
final class EndToEnd {
    static final String SOURCE = "guest-programs/hello/hello.c";

    record Result(double runSeconds, double ccSeconds, double nativeSeconds, String failure) {
        static Result failed(String why) {
            return new Result(0, 0, 0, why);
        }

        String describe() {
            if (failure != null) return "hello world end to end: " + failure;
            return String.format(Locale.ROOT, "hello world end to end (JVM start included, median): ./boardup run "
                    + "%.3f s (native: %.4f s); ./boardup cc %.3f s", runSeconds, nativeSeconds, ccSeconds);
        }
    }

    private EndToEnd() {}

    /** Measures with the launcher in {@code home}; a missing launcher, source or gcc is said in the result. */
    static Result hello(Path home, Path work, int runs) throws IOException, InterruptedException {
        Path launcher = home.resolve("boardup"), source = home.resolve(SOURCE);
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(source)) {
            return Result.failed("skipped (no ./boardup launcher or " + SOURCE + " in " + home + ")");
        }
        Path dir = Files.createDirectories(work.resolve("hello"));
        Build b = Build.withGcc("hello", source, dir, List.of());
        if (!b.ok()) return Result.failed("skipped (" + b.error() + ")");
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        Duration limit = Duration.ofMinutes(5);
        Measurement nat = new Runner.Native().run(b.executable(), sandbox, limit);
        List<String> run = List.of(launcher.toString(), "run", b.executable().toString());
        List<String> cc = List.of(launcher.toString(), "cc", source.toString(), "-o", dir.resolve("hello.bcc")
                .toString());
        // not timed: the launcher may have to build the project or write its start-up cache first
        Measurement first = Runner.Processes.run(run, sandbox, limit);
        if (first.status() != 0 || !first.stdout().equals(nat.stdout())) return mismatch("run", first);
        List<Double> runTimes = new ArrayList<>(), ccTimes = new ArrayList<>(), nativeTimes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            nativeTimes.add(new Runner.Native().run(b.executable(), sandbox, limit).seconds());
            Measurement m = Runner.Processes.run(run, sandbox, limit);
            if (m.status() != 0 || !m.stdout().equals(nat.stdout())) return mismatch("run", m);
            runTimes.add(m.seconds());
            Measurement c = Runner.Processes.run(cc, sandbox, limit);
            if (c.status() != 0) return mismatch("cc", c);
            ccTimes.add(c.seconds());
        }
        return new Result(median(runTimes), median(ccTimes), median(nativeTimes), null);
    }

    private static Result mismatch(String command, Measurement m) {
        String detail = m.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse(m.stdout().strip());
        return Result.failed("FAIL: ./boardup " + command + ": status " + m.status() + ", '" + detail + "'");
    }

    private static double median(List<Double> values) {
        return Row.median(values.stream().mapToDouble(d -> d).toArray());
    }
}
