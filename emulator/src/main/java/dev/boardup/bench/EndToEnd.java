package dev.boardup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "hello world" end to end: {@code ./boardup run hello} as a user types it, JVM start, class loading and engine
 * start-up included, against the same binary run natively.
 */
final class EndToEnd {
    record Result(double bootSeconds, double nativeSeconds, String failure) {
        String describe() {
            if (failure != null) return "hello world end to end: " + failure;
            return String.format(Locale.ROOT, "hello world end to end (./boardup run, JVM start included): %.3f s"
                    + " median (native: %.4f s)", bootSeconds, nativeSeconds);
        }
    }

    private EndToEnd() {}

    /** Null when there is nothing to measure with (no launcher, no gcc, no hello.c) — said in the result instead. */
    static Result hello(Path home, Path work, int runs) throws IOException, InterruptedException {
        Path launcher = home.resolve("boardup"), source = home.resolve("guest-programs/src/hello.c");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(source)) {
            return new Result(0, 0, "skipped (no ./boardup launcher or guest-programs/src/hello.c in " + home + ")");
        }
        Build b = Build.withGcc("hello", source, work);
        if (!b.ok()) return new Result(0, 0, "skipped (" + b.error() + ")");
        Path sandbox = Files.createDirectories(work.resolve("sandbox"));
        Duration limit = Duration.ofMinutes(5);
        Measurement nat = new Runner.Native().run(b.executable(), sandbox, limit);
        List<Double> boot = new ArrayList<>(), host = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Measurement n = new Runner.Native().run(b.executable(), sandbox, limit);
            Measurement m = Runner.Processes.run(List.of(launcher.toString(), "run", b.executable().toString()),
                    sandbox, limit);
            if (m.status() != 0 || !m.stdout().equals(nat.stdout())) {
                return new Result(0, 0, "FAIL: status " + m.status() + ", output '" + m.stdout().strip() + "'");
            }
            boot.add(m.seconds());
            host.add(n.seconds());
        }
        return new Result(Row.median(boot.stream().mapToDouble(d -> d).toArray()),
                Row.median(host.stream().mapToDouble(d -> d).toArray()), null);
    }
}
