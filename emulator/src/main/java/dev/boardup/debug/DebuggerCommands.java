package dev.boardup.debug;

import dev.boardup.cpu.CpuState;
import dev.boardup.kernel.Kernel;
import dev.boardup.kernel.Termination;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.Pte;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of {@code boardup debug}, spelled and printed as gdb does where gdb has them: stepping by
 * instruction and by source line, breakpoints and watchpoints, registers, memory, disassembly and backtraces; and
 * the machine's own views gdb cannot give: {@code info maps}, {@code pagewalk} and {@code tlb}.
 */
final class DebuggerCommands {
    private static final String[] GPR_NAMES = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
        "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final int[] GPR_INDEX = {CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI,
        CpuState.RDI, CpuState.RBP, CpuState.RSP, 8, 9, 10, 11, 12, 13, 14, 15};
    /** EFLAGS bits by position, as gdb's i386 eflags type names them. */
    private static final String[] FLAG_NAMES = new String[22];
    /**
     * Any nonzero signal makes the target deliver the fault it stopped at: going on after "Program received signal
     * SIGSEGV" lets the program have it, as gdb passes SIGSEGV, SIGFPE and SIGILL by default.
     */
    private static final int DELIVER = 1;
    private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*([0-9a-f]+):");

    static {
        String[][] flags = {{"0", "CF"}, {"2", "PF"}, {"4", "AF"}, {"6", "ZF"}, {"7", "SF"}, {"8", "TF"}, {"9", "IF"},
            {"10", "DF"}, {"11", "OF"}, {"14", "NT"}, {"16", "RF"}, {"17", "VM"}, {"18", "AC"}, {"19", "VIF"},
            {"20", "VIP"}, {"21", "ID"}};
        for (String[] f : flags) FLAG_NAMES[Integer.parseInt(f[0])] = f[1];
    }

    /** A user's breakpoint or watchpoint, numbered as gdb numbers them. */
    private static final class Point {
        final int number;
        final String type;
        final long address;
        final Watchpoint watch;
        final String what;
        int hits;
        long lastValue;

        Point(int number, String type, long address, Watchpoint watch, String what) {
            this.number = number;
            this.type = type;
            this.address = address;
            this.watch = watch;
            this.what = what;
        }
    }

    private final DebugTarget target;
    private final Program program;
    private final PrintStream out;
    private final KernelLog log;
    private final List<Point> points = new ArrayList<>();
    private int nextPoint = 1;
    private DebugTarget.Stop.Exited ended;
    private Kernel lastStopped;
    private final Examine examine;
    private String disassembly;
    private volatile boolean interruptRequested;
    /** gdb's value history: finish's return values are $1, $2, ... */
    private int values;

    DebuggerCommands(DebugTarget target, Program program, KernelLog log, PrintStream out) {
        this.target = target;
        this.log = log;
        this.program = program;
        this.out = out;
        this.lastStopped = target.current();
        this.examine = new Examine(program, out, this::evaluate);
    }

    /** Runs one command line; false when the session should end. Errors are printed, never thrown. */
    boolean execute(String line) {
        String[] words = line.split("\\s+", 2);
        String verb = words[0];
        String args = words.length > 1 ? words[1].strip() : "";
        interruptRequested = false; // a Ctrl-C while nothing ran is not meant for this command
        try {
            switch (verb) {
                case "quit", "q" -> {
                    return false;
                }
                case "stepi", "si" -> stepi(count(args), false);
                case "nexti", "ni" -> stepi(count(args), true);
                case "step", "s" -> stepLines(count(args), false);
                case "next", "n" -> stepLines(count(args), true);
                case "continue", "c" -> cont();
                case "finish" -> finish();
                case "break", "b" -> breakAt(args);
                case "watch" -> watch(args, Watchpoint.Kind.WRITE);
                case "rwatch" -> watch(args, Watchpoint.Kind.READ);
                case "awatch" -> watch(args, Watchpoint.Kind.ACCESS);
                case "delete", "d" -> delete(args);
                case "info", "i" -> info(args);
                case "disassemble" -> disassemble(args);
                case "bt", "backtrace", "where" -> backtrace();
                case "pagewalk" -> pagewalk(args);
                case "tlb" -> tlb();
                case "help", "h" -> help();
                default -> {
                    if (verb.startsWith("x")) {
                        requireRunning();
                        examine.run(process(), line);
                    }
                    else out.println("Undefined command: \"" + verb + "\".  Try \"help\".");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println(e.getMessage());
        }
        out.flush();
        return true;
    }

    /** Ctrl-C at the terminal: a running program stops (with SIGINT, as under gdb) at its next poll. */
    void interrupt() {
        interruptRequested = true;
    }

    private boolean interrupted() {
        boolean asked = interruptRequested;
        interruptRequested = false;
        return asked;
    }

    /** Whether the program is still there to debug. */
    boolean running() {
        return ended == null;
    }

    /** At the end of the session: the program's exit status if it ended; a live program is killed (status 0). */
    int endSession() {
        if (ended != null) return ended.termination().status();
        for (Kernel k : target.machine().kernel().processes().processes()) {
            k.terminate(Termination.signal(Termination.SIGKILL, null));
        }
        return 0;
    }

    private static int count(String args) {
        if (args.isEmpty()) return 1;
        try {
            return Math.max(1, Integer.parseInt(args));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number \"" + args + "\".");
        }
    }

    private void requireRunning() {
        if (ended != null) throw new IllegalStateException("The program is not being run.");
    }

    private Kernel process() {
        return target.current();
    }

    private CpuState cpu() {
        return target.current().cpu();
    }

    // ---- running ----

    private void stepi(int n, boolean overCalls) {
        requireRunning();
        String before = program.function(cpu().rip);
        DebugTarget.Stop stop = null;
        for (int i = 0; i < n; i++) {
            Kernel k = process();
            long pc = k.cpu().rip, rsp = k.cpu().gpr[CpuState.RSP];
            stop = resume(p -> p == k || k.exited());
            if (overCalls && isPlainStep(stop) && calledFrom(k, pc, rsp)) stop = stepOut(k, pc, rsp);
            if (!isPlainStep(stop)) break;
        }
        if (isPlainStep(stop)) {
            location(!program.function(cpu().rip).equals(before));
            examine.instruction(process(), cpu().rip, true);
        } else {
            report(stop);
        }
    }

    private static boolean isPlainStep(DebugTarget.Stop stop) {
        return stop instanceof DebugTarget.Stop.Trap t && !t.breakpoint() && t.signal() == DebugTarget.SIGTRAP;
    }

    /** Whether the instruction just executed at {@code pc} was a call: RSP went down by 8 onto a return address just past pc. */
    private static boolean calledFrom(Kernel k, long pc, long rsp) {
        long now = k.cpu().gpr[CpuState.RSP];
        if (now != rsp - 8) return false;
        long ret = GuestMemory.readValue(k, now, 8);
        return ret > pc && ret <= pc + 15 && k.cpu().rip != ret;
    }

    /** Runs the call just made to its return (to {@code pc}'s next instruction with the stack as it was). */
    private DebugTarget.Stop stepOut(Kernel k, long pc, long rsp) {
        long ret = GuestMemory.readValue(k, rsp - 8, 8);
        return resume(
                p -> p == k && p.cpu().rip == ret && p.cpu().gpr[CpuState.RSP] == rsp);
    }

    /**
     * step / next: run until the program reaches the first instruction of another source line (gdb's rule: leave
     * the line's address range and land where a line starts); a call into code without line information, and for
     * next every call, runs to its return; a return into the middle of a caller's line goes on to that line's end.
     */
    private void stepLines(int n, boolean overCalls) {
        requireRunning();
        for (int i = 0; i < n; i++) {
            Kernel k = process();
            String before = program.function(k.cpu().rip);
            DwarfLines.Row start = program.lines.at(k.cpu().rip);
            if (start == null) {
                out.println("Single stepping until exit from function " + before + ",");
                out.println("which has no line number information.");
                // Without line information there is no telling where this function's frame is: run on until code
                // that has lines (its caller, usually), or the end.
                DebugTarget.Stop stop = resume(
                        p -> p == k && program.lines.at(p.cpu().rip) != null);
                if (!isPlainStep(stop)) {
                    report(stop);
                    return;
                }
                location(true);
                continue;
            }
            DebugTarget.Stop stop = stepLine(k, overCalls);
            if (!isPlainStep(stop)) {
                report(stop);
                return;
            }
            if (atBreakpoint()) {
                breakpointHit(); // gdb reports a step that ends on a breakpoint as that breakpoint's hit
                return;
            }
            if (i == n - 1) location(!program.function(cpu().rip).equals(before));
        }
    }

    private DebugTarget.Stop stepLine(Kernel k, boolean overCalls) {
        long[] range = program.lines.lineRange(k.cpu().rip);
        while (true) {
            long pc = k.cpu().rip, rsp = k.cpu().gpr[CpuState.RSP];
            DebugTarget.Stop stop = resume(p -> p == k || k.exited());
            if (!isPlainStep(stop)) return stop;
            long now = k.cpu().rip;
            if (calledFrom(k, pc, rsp) && (overCalls || program.lines.at(now) == null)) {
                stop = stepOut(k, pc, rsp);
                if (!isPlainStep(stop)) return stop;
                now = k.cpu().rip;
            } else if (calledFrom(k, pc, rsp)) {
                return toBody(k); // stepped into a function with lines: stop past its prologue, as gdb does
            }
            if (program.lines.at(now) == null) return stop; // back in code without lines: stop there, as gdb does
            boolean inRange = now >= range[0] && now < range[1];
            if (inRange && !(now == range[0] && now <= pc)) continue;
            if (program.lines.startsLine(now)) return stop;
            range = program.lines.lineRange(now); // the middle of another line: finish it
        }
    }

    /** From a function's first instruction on to where "break FUNCTION" would stop. */
    private DebugTarget.Stop toBody(Kernel k) {
        ElfImage.Symbol f = program.containing(k.cpu().rip);
        if (f == null || f.value() != k.cpu().rip) return new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, false);
        long body = program.lines.afterPrologue(f.value(), program.functionEnd(f));
        if (body == f.value()) return new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, false);
        return resume(p -> p == k && p.cpu().rip == body);
    }

    /** continue: to the next stop; a write that leaves a watched value as it was goes unreported, as in gdb. */
    private void cont() {
        requireRunning();
        DebugTarget.Stop stop;
        do {
            stop = target.resume(false, DELIVER, this::interrupted);
        } while (stop instanceof DebugTarget.Stop.Watch w && w.kind() == Watchpoint.Kind.WRITE && unchanged(w));
        report(stop);
    }

    /**
     * Runs until {@code until} as the target does, but passes over a write that leaves a watched value as it was:
     * step, next, finish and the like report only changes, as continue does.
     */
    private DebugTarget.Stop resume(DebugTarget.Until until) {
        while (true) {
            DebugTarget.Stop stop = target.resume(DELIVER, this::interrupted, until);
            if (!(stop instanceof DebugTarget.Stop.Watch w && w.kind() == Watchpoint.Kind.WRITE && unchanged(w))) {
                return stop;
            }
            // the write's instruction has retired: it may itself have been the step's last
            if (until.reached(process())) return new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, false);
        }
    }

    private boolean unchanged(DebugTarget.Stop.Watch w) {
        for (Point p : points) {
            if (p.watch != null && p.watch.kind() == w.kind() && p.watch.overlaps(w.address(), 1)) {
                return watchedValue(p.watch) == p.lastValue;
            }
        }
        return false;
    }

    private void finish() {
        requireRunning();
        Kernel k = process();
        List<Frames.Frame> frames = Frames.unwind(k, program);
        if (frames.size() < 2) {
            throw new IllegalStateException("\"finish\" not meaningful in the outermost frame.");
        }
        out.println("Run till exit from #0  " + frameText(frames.get(0), 0));
        DebugTarget.Stop stop = finishFrame(k);
        if (!isPlainStep(stop)) {
            report(stop);
            return;
        }
        location(true);
        out.printf("Value returned is $%d = %d%n", ++values, k.cpu().gpr[CpuState.RAX]);
    }

    /** Runs until the innermost frame of {@code k} has returned (its return-address slot popped). */
    private DebugTarget.Stop finishFrame(Kernel k) {
        List<Frames.Frame> frames = Frames.unwind(k, program);
        long slot = frames.get(0).returnSlot();
        return resume(p -> p == k && Long.compareUnsigned(p.cpu().gpr[CpuState.RSP], slot) > 0);
    }

    // ---- reporting a stop ----

    private void report(DebugTarget.Stop stop) {
        switch (stop) {
            case DebugTarget.Stop.Exited e -> exited(e);
            case DebugTarget.Stop.Watch w -> watchHit(w);
            case DebugTarget.Stop.Trap t when t.breakpoint() -> breakpointHit();
            case DebugTarget.Stop.Trap t when t.signal() != DebugTarget.SIGTRAP -> {
                switched();
                out.println();
                out.println("Program received signal " + signalName(t.signal()) + ".");
                location(true);
            }
            case DebugTarget.Stop.Trap t -> location(true);
        }
    }

    private void exited(DebugTarget.Stop.Exited e) {
        ended = e;
        if (target.deadlock() != null) out.println(target.deadlock());
        Termination t = e.termination();
        int pid = target.machine().kernel().pid();
        if (t.bySignal()) {
            out.println();
            out.println("Program terminated with signal " + signalName(t.signal()) + ".");
            out.println("The program no longer exists.");
        } else if (t.status() == 0) {
            out.println("[Inferior 1 (process " + pid + ") exited normally]");
        } else {
            out.printf("[Inferior 1 (process %d) exited with code %02o]%n", pid, t.status());
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 2 -> "SIGINT, Interrupt";
            case 4 -> "SIGILL, Illegal instruction";
            case 5 -> "SIGTRAP, Trace/breakpoint trap";
            case 8 -> "SIGFPE, Arithmetic exception";
            case 9 -> "SIGKILL, Killed";
            case 11 -> "SIGSEGV, Segmentation fault";
            default -> "signal " + signal;
        };
    }

    /** gdb's note when the stop is in another process than the last one. */
    private void switched() {
        if (process() != lastStopped) {
            out.println("[Switching to process " + process().pid() + "]");
            lastStopped = process();
        }
    }

    private boolean atBreakpoint() {
        long pc = cpu().rip;
        return points.stream().anyMatch(p -> p.watch == null && p.address == pc);
    }

    private void breakpointHit() {
        switched();
        long pc = cpu().rip;
        StringBuilder numbers = new StringBuilder();
        for (Point p : points) {
            if (p.watch == null && p.address == pc) {
                p.hits++;
                numbers.append(numbers.isEmpty() ? "" : ", ").append(p.number);
            }
        }
        out.println();
        out.print("Breakpoint " + numbers + ", ");
        location(true, false);
    }

    private void watchHit(DebugTarget.Stop.Watch w) {
        switched();
        for (Point p : points) {
            if (p.watch == null || p.watch.kind() != w.kind() || !p.watch.overlaps(w.address(), 1)) {
                continue;
            }
            p.hits++;
            long value = watchedValue(p.watch);
            out.println();
            out.println(pointTitle(p) + ": " + p.what);
            out.println();
            if (w.kind() == Watchpoint.Kind.WRITE || (w.kind() == Watchpoint.Kind.ACCESS && value != p.lastValue)) {
                out.println("Old value = " + p.lastValue);
                out.println("New value = " + value);
            } else {
                out.println("Value = " + value);
            }
            p.lastValue = value;
            break;
        }
        location(true);
    }

    private long watchedValue(Watchpoint w) {
        int size = w.length() >= 8 ? 8 : w.length() >= 4 ? 4 : w.length() >= 2 ? 2 : 1;
        long v = GuestMemory.readValue(process(), w.address(), size);
        return size == 8 ? v : v << (64 - 8 * size) >> (64 - 8 * size);
    }

    /**
     * Where the current process is: "main () at prog.c:9" and the source line when there is line information
     * (only the line when {@code withFrame} is false and pc starts it), else "0x... in _start ()".
     */
    private void location(boolean withFrame) {
        location(withFrame, true);
    }

    private void location(boolean withFrame, boolean addressIfMidLine) {
        long pc = cpu().rip;
        String function = program.function(pc);
        DwarfLines.Row row = program.lines.at(pc);
        if (row == null) {
            out.printf("0x%016x in %s ()%n", pc, function);
            return;
        }
        boolean lineStart = program.lines.startsLine(pc);
        if (withFrame) {
            out.println((lineStart || !addressIfMidLine ? "" : String.format("0x%016x in ", pc)) + function + " () at "
                    + row.file() + ":" + row.line());
        }
        String text = program.sourceLine(row.file(), row.line());
        String prefix = !withFrame && !lineStart ? String.format("0x%016x\t", pc) : "";
        out.println(prefix + row.line() + "\t" + (text != null ? text : "in " + row.file()));
    }

    // ---- breakpoints and watchpoints ----

    private void breakAt(String spec) {
        long address;
        if (spec.isEmpty()) {
            requireRunning();
            address = cpu().rip;
        } else if (spec.startsWith("*")) {
            address = evaluate(spec.substring(1));
        } else if (spec.matches("[^\\s:]+:\\d+")) {
            int colon = spec.lastIndexOf(':');
            address = program.lines.addressOf(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
            if (address < 0) throw new IllegalArgumentException("No line " + spec.substring(colon + 1)
                    + " in file \"" + spec.substring(0, colon) + "\".");
        } else if (spec.matches("\\d+")) {
            DwarfLines.Row here = defaultSourceLine();
            if (here == null) throw new IllegalArgumentException("No line number information available.");
            address = program.lines.addressOf(here.file(), Integer.parseInt(spec));
            if (address < 0) throw new IllegalArgumentException("No line " + spec + " in the current file.");
        } else {
            ElfImage.Symbol f = program.symbol(spec);
            if (f == null) throw new IllegalArgumentException("Function \"" + spec + "\" not defined.");
            address = program.lines.afterPrologue(f.value(), program.functionEnd(f));
        }
        Point p = new Point(nextPoint++, "breakpoint", address, null, null);
        points.add(p);
        target.addBreakpoint(address);
        DwarfLines.Row row = program.lines.at(address);
        out.printf("Breakpoint %d at 0x%x%s%n", p.number, address,
                row != null ? ": file " + row.file() + ", line " + row.line() + "." : "");
    }

    /** The line pc is on, or else (as gdb's default source file) main's: what a bare "break LINE" is relative to. */
    private DwarfLines.Row defaultSourceLine() {
        DwarfLines.Row here = ended == null ? program.lines.at(cpu().rip) : null;
        if (here != null) return here;
        ElfImage.Symbol main = program.symbol("main");
        return main == null ? null : program.lines.at(main.value());
    }

    /** watch SYMBOL, watch ADDRESS [LENGTH] or watch *ADDRESS: the symbol's size, else 8 bytes, unless given. */
    private void watch(String spec, Watchpoint.Kind kind) {
        if (spec.isEmpty()) throw new IllegalArgumentException("Argument required (expression to compute).");
        String[] parts = spec.split("\\s+");
        String expression = parts[0].startsWith("*") ? parts[0].substring(1) : parts[0];
        long address = evaluate(expression);
        ElfImage.Symbol s = program.symbol(expression.startsWith("&") ? expression.substring(1) : expression);
        int length = parts.length > 1 ? (int) evaluate(parts[1]) : s != null && s.size() > 0 ? (int) s.size() : 8;
        if (length <= 0) throw new IllegalArgumentException("Invalid watchpoint length " + length + ".");
        String type = switch (kind) {
            case WRITE -> "hw watchpoint";
            case READ -> "read watchpoint";
            case ACCESS -> "acc watchpoint";
        };
        Point p = new Point(nextPoint++, type, address, new Watchpoint(address, length, kind), spec);
        p.lastValue = ended == null ? watchedValue(p.watch) : 0;
        points.add(p);
        target.addWatchpoint(p.watch);
        out.println(pointTitle(p) + ": " + spec);
    }

    private static String pointTitle(Point p) {
        return switch (p.type) {
            case "read watchpoint" -> "Hardware read watchpoint " + p.number;
            case "acc watchpoint" -> "Hardware access (read/write) watchpoint " + p.number;
            default -> "Hardware watchpoint " + p.number;
        };
    }

    private void delete(String args) {
        List<Point> gone = new ArrayList<>();
        if (args.isEmpty()) {
            gone.addAll(points);
        } else {
            for (String n : args.split("\\s+")) {
                Point p = points.stream().filter(q -> String.valueOf(q.number).equals(n)).findFirst().orElse(null);
                if (p == null) throw new IllegalArgumentException("No breakpoint number " + n + ".");
                gone.add(p);
            }
        }
        points.removeAll(gone);
        for (Point p : gone) {
            if (p.watch != null) {
                target.removeWatchpoint(p.watch);
            } else if (points.stream().noneMatch(q -> q.watch == null && q.address == p.address)) {
                target.removeBreakpoint(p.address);
            }
        }
    }

    private void infoBreakpoints() {
        if (points.isEmpty()) {
            out.println("No breakpoints or watchpoints.");
            return;
        }
        int typeWidth = 14;
        for (Point p : points) typeWidth = Math.max(typeWidth, p.type.length());
        out.printf("%-8s%-" + (typeWidth + 1) + "s%-5s%-4s%-19s%s%n", "Num", "Type", "Disp", "Enb", "Address", "What");
        for (Point p : points) {
            String address = p.watch == null ? String.format("0x%016x", p.address) : "";
            String what = p.watch != null ? p.what : whereIs(p.address);
            out.printf("%-8d%-" + (typeWidth + 1) + "s%-5s%-4s%-19s%s%n", p.number, p.type, "keep", "y", address, what)
                    .flush();
            if (p.hits > 0) {
                out.println("\tbreakpoint already hit " + p.hits + " time" + (p.hits == 1 ? "" : "s"));
            }
        }
    }

    private String whereIs(long address) {
        DwarfLines.Row row = program.lines.at(address);
        if (row != null) return "in " + program.function(address) + " at " + row.file() + ":" + row.line();
        return program.label(address);
    }

    // ---- looking at the machine ----

    private void info(String args) {
        String[] words = args.split("\\s+", 2);
        String what = words[0];
        String rest = words.length > 1 ? words[1] : "";
        switch (what) {
            case "breakpoints", "b", "break", "watchpoints" -> infoBreakpoints();
            case "registers", "r", "reg" -> registers(rest);
            case "maps" -> out.print(process().addressSpace().maps());
            case "faults" -> out.print(log.faults());
            case "threads", "inferiors" -> processes();
            case "syscalls" -> out.print(log.syscalls());
            case "frame", "f" -> location(true);
            default -> throw new IllegalArgumentException("Undefined info command: \"" + args + "\".  Try \"help info\".");
        }
    }

    /** info threads: every live process (gdb's threads, here processes), "*" on the one stopped in. */
    private void processes() {
        requireRunning();
        out.println("  Pid   Frame");
        for (Kernel k : target.machine().kernel().processes().processes()) {
            if (k.exited()) continue;
            long pc = k.cpu().rip;
            DwarfLines.Row row = program.lines.at(pc);
            String where = String.format("0x%016x in %s ()", pc, program.function(pc))
                    + (row != null ? " at " + row.file() + ":" + row.line() : "");
            out.printf("%s %-5d %s%s%n", k == process() ? "*" : " ", k.pid(), where,
                    k.blocked() ? " (waiting in a system call)" : "");
        }
    }

    private void registers(String which) {
        if (ended != null) throw new IllegalStateException("The program has no registers now.");
        List<String[]> rows = registerRows();
        boolean any = false;
        for (String[] r : rows) {
            if (which.isEmpty() || List.of(which.replace("$", "").split("\\s+")).contains(r[0])) {
                out.printf("%-15s%-20s%s%n", r[0], r[1], r[2]);
                any = true;
            }
        }
        if (!any) throw new IllegalArgumentException("Invalid register `" + which.replace("$", "") + "'");
    }

    /** Name, hex value and natural value of each register, in gdb's order, then CR2 and CR3. */
    private List<String[]> registerRows() {
        CpuState c = cpu();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < GPR_NAMES.length; i++) {
            long v = c.gpr[GPR_INDEX[i]];
            boolean pointer = GPR_NAMES[i].equals("rbp") || GPR_NAMES[i].equals("rsp");
            rows.add(new String[] {GPR_NAMES[i], hex(v), pointer ? hex(v) : Long.toString(v)});
        }
        String label = program.label(c.rip);
        rows.add(new String[] {"rip", hex(c.rip), hex(c.rip) + (label.isEmpty() ? "" : " " + label)});
        rows.add(new String[] {"eflags", hex(c.rflags()), flags(c.rflags())});
        String[] segments = {"cs", "ss", "ds", "es", "fs", "gs"};
        int[] selectors = {0x33, 0x2b, 0, 0, 0, 0};
        for (int i = 0; i < segments.length; i++) {
            rows.add(new String[] {segments[i], hex(selectors[i]), Integer.toString(selectors[i])});
        }
        rows.add(new String[] {"fs_base", hex(c.fsBase), Long.toString(c.fsBase)});
        rows.add(new String[] {"gs_base", hex(c.gsBase), Long.toString(c.gsBase)});
        long cr2 = target.cr2(process()), cr3 = process().addressSpace().mmu().cr3();
        rows.add(new String[] {"cr2", hex(cr2), hex(cr2)});
        rows.add(new String[] {"cr3", hex(cr3), hex(cr3)});
        return rows;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** gdb's "[ PF ZF IF ]": the set flags from bit 0 up. */
    static String flags(long rflags) {
        StringBuilder sb = new StringBuilder("[ ");
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if (FLAG_NAMES[bit] != null && (rflags & (1L << bit)) != 0) sb.append(FLAG_NAMES[bit]).append(' ');
        }
        return sb.append(']').toString();
    }

    /**
     * disassemble [FUNCTION|ADDRESS]: the function's lines exactly as objdump -d prints them (from the ELF file),
     * each behind a three-character margin where "=> " marks pc.
     */
    private void disassemble(String args) {
        long address = args.isEmpty() ? cpu().rip : evaluate(args);
        ElfImage.Symbol f = program.containing(address);
        if (f == null) throw new IllegalArgumentException("No function contains specified address.");
        if (disassembly == null) disassembly = ObjDump.disassemble(program.elf);
        String header = String.format("%016x <%s>:", f.value(), f.name());
        int at = disassembly.indexOf("\n" + header + "\n");
        if (at < 0) throw new IllegalArgumentException("No code for " + f.name() + " in the file's code sections.");
        out.println("Dump of assembler code for function " + f.name() + ":");
        Iterator<String> lines = disassembly.substring(at + header.length() + 2).lines().iterator();
        long pc = ended == null ? cpu().rip : -1;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) break;
            Matcher m = OBJDUMP_LINE.matcher(line);
            boolean here = m.find() && Long.parseUnsignedLong(m.group(1), 16) == pc && line.contains("\t")
                    && line.indexOf('\t') != line.lastIndexOf('\t');
            out.println((here ? "=> " : "   ") + line);
        }
        out.println("End of assembler dump.");
    }

    private void backtrace() {
        requireRunning();
        List<Frames.Frame> frames = Frames.unwind(process(), program);
        for (int i = 0; i < frames.size(); i++) {
            out.println("#" + i + "  " + frameText(frames.get(i), i));
        }
    }

    /** "0x... in add () at prog.c:5" (frame 0 at a line's start: without the address, as gdb prints it). */
    private String frameText(Frames.Frame f, int level) {
        long pc = f.pc();
        // A caller's pc is a return address: its line is the call's, one byte back.
        DwarfLines.Row row = program.lines.at(level == 0 ? pc : pc - 1);
        String where = program.function(pc) + " ()" + (row != null ? " at " + row.file() + ":" + row.line() : "");
        boolean bare = level == 0 && row != null && program.lines.startsLine(pc);
        return bare ? where : String.format("0x%016x in %s", pc, where);
    }

    private void pagewalk(String args) {
        if (args.isEmpty()) throw new IllegalArgumentException("Argument required (virtual address).");
        long va = evaluate(args);
        Mmu mmu = process().addressSpace().mmu();
        out.print(PageWalkReport.walk(mmu.physical(), mmu.cr3(), va));
    }

    private void tlb() {
        Kernel k = process();
        List<Mmu.TlbEntry> entries = k.addressSpace().mmu().tlbEntries();
        out.printf("TLB of process %d: %d of %d entries valid%n", k.pid(), entries.size(), Mmu.TLB_ENTRIES);
        out.println("slot  virtual page        physical frame  access");
        for (Mmu.TlbEntry e : entries) {
            long pte = k.addressSpace().tables().lookup(e.va());
            boolean current = Pte.present(pte) && k.addressSpace().physical().frame(Pte.addr(pte)) == e.frame();
            String frame = current ? String.format("0x%x", Pte.addr(pte)) : "(stale)";
            out.printf("%4d  0x%016x  %-14s  %s%s%s%n", e.slot(), e.va(), frame, e.read() ? "r" : "-",
                    e.write() ? "w" : "-", e.fetch() ? "x" : "-");
        }
    }

    private void help() {
        out.println("""
                Running:   stepi/si [N], nexti/ni [N], step/s [N], next/n [N], continue/c, finish, quit/q
                Stopping:  break/b FUNCTION|FILE:LINE|LINE|*ADDRESS, watch/rwatch/awatch SYMBOL|ADDRESS [LENGTH],
                           delete/d [N...], info breakpoints
                Looking:   info registers [REG...], x/NFU ADDRESS, disassemble [ADDRESS], bt, info frame,
                           info threads (the processes)
                Machine:   info maps, pagewalk ADDRESS, tlb, info faults, info syscalls
                Addresses: 0x401000, 4198400, $rip/$pc/$sp/$rax..., SYMBOL, &SYMBOL, and sums: $rsp+8""");
    }

    // ---- address expressions ----

    /** A sum of terms: numbers, $registers, symbols (their address, with or without &). */
    long evaluate(String expression) {
        String e = expression.replace(" ", "");
        if (e.isEmpty()) throw new IllegalArgumentException("Argument required.");
        long sum = 0;
        Matcher m = Pattern.compile("([+-]?)([^+-]+)").matcher(e);
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            long v = term(m.group(2));
            sum += m.group(1).equals("-") ? -v : v;
            end = m.end();
        }
        if (end != e.length()) throw new IllegalArgumentException("A syntax error in expression, near `"
                + e.substring(end) + "'.");
        return sum;
    }

    private long term(String t) {
        if (t.startsWith("&")) t = t.substring(1);
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.matches("\\d+")) return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number \"" + t + "\".");
        }
        if (t.startsWith("$")) return register(t.substring(1).toLowerCase(Locale.ROOT));
        ElfImage.Symbol s = program.symbol(t);
        if (s == null) throw new IllegalArgumentException("No symbol \"" + t + "\" in current context.");
        return s.value();
    }

    private long register(String name) {
        requireRunning();
        CpuState c = cpu();
        switch (name) {
            case "pc", "rip" -> {
                return c.rip;
            }
            case "sp" -> {
                return c.gpr[CpuState.RSP];
            }
            case "fp" -> {
                return c.gpr[CpuState.RBP];
            }
            case "fs_base" -> {
                return c.fsBase;
            }
            case "eflags" -> {
                return c.rflags();
            }
            default -> {
                for (int i = 0; i < GPR_NAMES.length; i++) {
                    if (GPR_NAMES[i].equals(name)) return c.gpr[GPR_INDEX[i]];
                }
                throw new IllegalArgumentException("Invalid register `" + name + "'");
            }
        }
    }
}
