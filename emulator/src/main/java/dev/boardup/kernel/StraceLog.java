package dev.boardup.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where --strace writes and which calls it shows, shared by every process of a machine: strace -f's output. Lines
 * carry strace's pid prefix: "[pid  N] " on stderr while more than one process lives, "N     " on every line of a
 * -o file. A call that blocks is held back; if another process prints before it finishes, its start is shown as
 * "name(args <unfinished ...>" and its end later as "<... name resumed>rest) = result", as strace -f does.
 */
public final class StraceLog {
    private final PrintStream out;
    private final StraceFilter filter;
    private final boolean toFile;
    /** Each blocked process's call as strace shows it on entry, in the order they blocked. */
    private final Map<Kernel, Entry> waiting = new LinkedHashMap<>();

    private static final class Entry {
        final String name;
        final String start;
        /** The call a sleep's restart_syscall resumes, or null. */
        final String resuming;
        boolean shown;

        Entry(String name, String start, String resuming) {
            this.name = name;
            this.start = start;
            this.resuming = resuming;
        }
    }

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

    /** A call {@code name(args)} has begun to wait: its entry part is held until another process prints. */
    void blocked(Kernel k, String name, String args) {
        if (!waiting.containsKey(k)) waiting.put(k, new Entry(name, name + "(" + Strace.entryArgs(name, args), null));
    }

    /** A sleep a signal interrupted goes on as restart_syscall, which is how strace then names it. */
    void restarted(Kernel k, String name) {
        waiting.put(k, new Entry("restart_syscall", "restart_syscall(<... resuming interrupted " + name + " ...>",
                name));
    }

    /** One system call: "name(args)" and its result, aligned as strace aligns them. */
    void call(Kernel k, String call, String result) {
        Entry e = waiting.remove(k);
        interrupt(k);
        if (e != null && e.resuming != null && call.startsWith(e.resuming + "(")) {
            call = e.shown ? "<... restart_syscall resumed>)" : e.start + ")";
        } else if (e != null && e.shown && call.startsWith(e.name + "(")) {
            String args = call.substring(e.name.length() + 1);
            call = "<... " + e.name + " resumed>" + Strace.exitArgs(e.name, args);
        }
        out.println(Strace.line(prefix(k) + call, result));
    }

    /** A "--- SIG... ---" or "+++ exited ... +++" line. */
    void note(Kernel k, String text) {
        interrupt(null); // a signal that comes while the process itself waits breaks its own call's line too
        out.println(prefix(k) + text);
    }

    /** A process that ends while it waits: its call never finishes, and strace forgets it. */
    void forget(Kernel k) {
        waiting.remove(k);
    }

    /** Another process ({@code printing}; null: any) prints: every call still waiting shows its entry part, once. */
    private void interrupt(Kernel printing) {
        List<Kernel> others = new ArrayList<>();
        waiting.forEach((k, e) -> {
            if (k != printing && !e.shown) others.add(k);
        });
        for (Kernel k : others) {
            Entry e = waiting.get(k);
            e.shown = true;
            out.println(prefix(k) + e.start + " <unfinished ...>");
        }
    }

    private String prefix(Kernel k) {
        if (toFile) return String.format("%-5d ", k.pid);
        int traced = k.procs.alive() + (k.exited() ? 1 : 0); // strace still follows a process while it reports its end
        return traced > 1 ? String.format("[pid %5d] ", k.pid) : "";
    }
}
