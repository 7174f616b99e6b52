package dev.boardup.bench;

import dev.boardup.cpu.truffle.TruffleEngine;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** docs/PERFORMANCE.md: the numbers of one {@code boardup bench --write-report} run, with how they were made. */
final class Report {
    private Report() {}

    /** The report of a run made by {@code command} (the bench's command line as typed, for rerunning it). */
    static String markdown(List<Row> rows, EndToEnd.Result hello, String command, boolean quick,
            List<String> engines, String qemu) {
        StringBuilder sb = new StringBuilder();
        sb.append("# boardup performance\n\n");
        sb.append("Written by `").append(command).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC. Rerun that command to refresh this file.\n\n");
        sb.append("## Machine\n\n");
        sb.append("- ").append(Host.describe()).append('\n');
        sb.append("- Truffle runtime: ").append(TruffleEngine.runtimeName()).append('\n');
        sb.append("- engines measured: ").append(String.join(", ", engines)).append("; qemu: ")
                .append(qemu != null ? qemu : "not installed").append("\n\n");
        sb.append("## Method\n\n");
        sb.append("""
                Each program in `guest-programs/bench` is built with `gcc -O2 -static` (glibc) and with `boardup cc \
                -O2` (guest libc). Then, round by round, each build runs natively, on each boardup engine (a fresh \
                `Machine` in the bench's JVM per run, so Truffle warms up from nothing each time; JVM start is not \
                included: hello world end to end below is the number for that) and under qemu-x86_64 when \
                installed, each with a scratch directory as working directory (the guest's root). Every run must \
                exit 0 and print exactly what the native gcc build prints (its checksum). `median s` is the median \
                wall time over the rounds, `spread` half the range relative to the median, and `x native` the \
                median of the per-round ratios to the native run of the same build in the same round. `guest MIPS` \
                is guest instructions retired per second of wall time, `MIPS/cpu` per second of CPU time of the \
                thread that ran the guest (on a busy machine the fairer number); compilations are the engine's \
                compilations of guest code (Graal's, for truffle); TLB hit rate and page faults are the emulated \
                MMU's. The goals compare each engine with qemu on the gcc builds (the same binary for both), the \
                ratio of the two taken round by round.

                The programs are sized so that each runs for seconds, not minutes, on the emulated engines: \
                natively most take well under a second (some only a few hundredths), so native times, and with \
                them the ratios, carry the noise of process start-up and of a shared machine. The ratios compare \
                like with like, but treat single-digit differences between runs as noise.

                """);
        if (quick) {
            sb.append("**A --quick run**: one round, every program built at its small smoke-test size; the times "
                    + "say little, the checksums that everything runs.\n\n");
        }
        sb.append("## Goals (issue #7)\n\n");
        for (String goal : Goals.lines(rows, hello)) sb.append("- ").append(goal).append('\n');
        sb.append('\n');
        sb.append("## Results\n\n");
        sb.append(Table.markdown(rows)).append('\n');
        if (hello != null) sb.append(hello.describe()).append(".\n");
        sb.append("\nWhat limits each engine, and how these numbers were analysed: docs/ENGINES.md (by hand).\n");
        return sb.toString();
    }
}
