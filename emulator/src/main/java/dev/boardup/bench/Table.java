package dev.boardup.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a table: aligned plain text for the terminal, or Markdown for docs/PERFORMANCE.md. */
final class Table {
    static final List<String> HEADER = List.of("benchmark", "build", "runner", "result", "median s", "spread",
            "x native", "guest MIPS", "MIPS/cpu", "compilations", "TLB hit", "page faults");

    private Table() {}

    static List<List<String>> cells(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            boolean ran = !r.runs.isEmpty();
            out.add(List.of(r.benchmark, r.compiler, r.runner, r.failed() ? "FAIL: " + r.failure : "ok",
                    ran ? fmt("%.3f", r.medianSeconds()) : "-",
                    ran ? fmt("±%.0f%%", r.spread() * 100) : "-",
                    Double.isNaN(r.medianRatio()) ? "-" : fmt("%.1f", r.medianRatio()),
                    Double.isNaN(r.mips()) ? "-" : fmt("%.0f", r.mips()),
                    Double.isNaN(r.cpuMips()) ? "-" : fmt("%.0f", r.cpuMips()),
                    r.emulated() && !r.runner.equals("interpreter") ? Long.toString(r.medianCompilations()) : "-",
                    Double.isNaN(r.tlbHitRate()) ? "-" : fmt("%.2f%%", r.tlbHitRate() * 100),
                    r.emulated() ? Long.toString(r.pageFaults()) : "-"));
        }
        return out;
    }

    static String text(List<Row> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(cells(rows));
        int[] width = new int[HEADER.size()];
        for (List<String> line : all) {
            for (int i = 0; i < line.size() - 0; i++) {
                if (i != 3) width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        width[3] = "result".length();
        StringBuilder sb = new StringBuilder();
        for (List<String> line : all) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                if (i == 3) continue; // the result goes last: a failure's message is long
                l.append(String.format(i < 3 ? "%-" + width[i] + "s  " : "%" + width[i] + "s  ", line.get(i)));
            }
            l.append(line.get(3));
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|").append("---|".repeat(HEADER.size())).append('\n');
        for (List<String> line : cells(rows)) {
            sb.append("| ").append(String.join(" | ", line.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
