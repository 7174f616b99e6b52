package dev.boardup.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runs of one build of one benchmark on one runner, with each run's time relative to the native run of the
 * same build in the same round, and the first failure seen (a build error, an exit status, a wrong checksum).
 */
final class Row {
    final String benchmark;
    final String compiler;
    final String runner;
    final List<Measurement> runs = new ArrayList<>();
    final List<Double> ratios = new ArrayList<>();
    String failure;

    Row(String benchmark, String compiler, String runner) {
        this.benchmark = benchmark;
        this.compiler = compiler;
        this.runner = runner;
    }

    boolean failed() {
        return failure != null;
    }

    void fail(String why) {
        if (failure == null) failure = why;
    }

    double medianSeconds() {
        return median(runs.stream().mapToDouble(Measurement::seconds).toArray());
    }

    /** Half the distance between the slowest and fastest run, relative to the median. */
    double spread() {
        double[] t = runs.stream().mapToDouble(Measurement::seconds).sorted().toArray();
        double m = median(t);
        return t.length < 2 || m == 0 ? 0 : (t[t.length - 1] - t[0]) / 2 / m;
    }

    /** The median of the per-round ratios against native; NaN when there is no native run to compare with. */
    double medianRatio() {
        return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Guest instructions per microsecond of wall time, over all runs; NaN when the runner does not count. */
    double mips() {
        long instructions = runs.stream().mapToLong(Measurement::instructions).sum();
        double seconds = runs.stream().mapToDouble(Measurement::seconds).sum();
        return instructions == 0 || seconds == 0 ? Double.NaN : instructions / seconds / 1e6;
    }

    /** Guest instructions per microsecond of the guest thread's CPU time; NaN when that was not measured. */
    double cpuMips() {
        long instructions = runs.stream().mapToLong(Measurement::instructions).sum();
        double seconds = runs.stream().mapToDouble(Measurement::cpuSeconds).sum();
        return instructions == 0 || seconds == 0 ? Double.NaN : instructions / seconds / 1e6;
    }

    long instructions() {
        return runs.isEmpty() ? 0 : runs.get(0).instructions();
    }

    long medianCompilations() {
        return (long) median(runs.stream().mapToDouble(Measurement::compilations).toArray());
    }

    double tlbHitRate() {
        long hits = runs.stream().mapToLong(Measurement::tlbHits).sum();
        long misses = runs.stream().mapToLong(Measurement::tlbMisses).sum();
        return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
    }

    long pageFaults() {
        return runs.isEmpty() ? 0 : runs.get(0).pageFaults();
    }

    boolean emulated() {
        return runs.stream().anyMatch(m -> m.instructions() > 0);
    }

    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
