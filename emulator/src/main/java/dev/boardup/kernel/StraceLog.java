package dev.boardup.kernel;

import java.io.PrintStream;

/**
 * Where --strace writes and which calls it shows, shared by every process of a machine: strace -f's output. Lines
 * carry strace's pid prefix: "[pid  N] " on stderr while more than one process lives, "N     " on every line of a
 * -o file.
 */
public final class StraceLog {
    private final PrintStream out;
    private final StraceFilter filter;
    private final boolean toFile;

    public StraceLog(PrintStream out, StraceFilter filter, boolean toFile) {
        this.out = out;
        this.filter = filter;
        this.toFile = toFile;
    }

    public boolean traces(String name) {
        return filter.traces(name);
    }

    public boolean tracesSignal(int sig) {
        return filter.tracesSignal(sig);
    }

    /** One system call: "name(args)" and its result, aligned as strace aligns them. */
    void call(Kernel k, String call, String result) {
        out.println(Strace.line(prefix(k) + call, result));
    }

    /** A "--- SIG... ---" or "+++ exited ... +++" line. */
    void note(Kernel k, String text) {
        out.println(prefix(k) + text);
    }

    private String prefix(Kernel k) {
        if (toFile) return String.format("%-5d ", k.pid);
        int traced = k.procs.alive() + (k.exited() ? 1 : 0); // strace still follows a process while it reports its end
        return traced > 1 ? String.format("[pid %5d] ", k.pid) : "";
    }
}
