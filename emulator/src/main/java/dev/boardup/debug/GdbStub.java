package dev.boardup.debug;

import dev.boardup.kernel.Kernel;
import dev.boardup.kernel.Termination;
import dev.boardup.machine.Machine;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A gdb remote serial protocol server for one machine: gdb connects with {@code target remote :PORT} and drives
 * the process through a {@link DebugTarget} — registers, memory through the MMU, single steps, continues,
 * breakpoints and watchpoints — until it exits, gdb kills it, or gdb detaches (the program then runs on freely).
 * Each process is a thread to gdb, its pid the thread id: after a fork, {@code info threads} lists the child, and a
 * breakpoint or watchpoint the child reaches stops it (the stop reply names its thread).
 */
public final class GdbStub {
    private static final HexFormat HEX = HexFormat.of();
    /** The errno gdb gets for memory it cannot read or write: EFAULT. */
    private static final String BAD_ADDRESS = "E14";

    private final DebugTarget target;
    private RspConnection rsp;
    private DebugTarget.Stop lastStop = new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, false);
    /** The process gdb reads and writes registers and memory of (its Hg thread); the stopped one after a stop. */
    private Kernel selected;

    public GdbStub(Machine machine) {
        this.target = new DebugTarget(machine);
        this.selected = machine.kernel();
    }

    /** Binds 127.0.0.1:port (0 picks a free one), reports the port on log, serves one gdb, returns the exit status. */
    public int listen(int port, PrintStream log) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            log.println("boardup: waiting for gdb on 127.0.0.1:" + server.getLocalPort());
            return serve(server);
        }
    }

    /** Accepts one gdb on a bound server socket (its SO_TIMEOUT bounds the wait) and serves it to the end. */
    public int serve(ServerSocket server) throws IOException {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            return serve(new RspConnection(socket.getInputStream(), socket.getOutputStream()));
        }
    }

    /** Serves packets until the session ends; returns the program's exit status. */
    int serve(RspConnection connection) throws IOException {
        this.rsp = connection;
        try {
            while (true) {
                String packet = rsp.receive();
                switch (packet.isEmpty() ? ' ' : packet.charAt(0)) {
                    case 'k' -> {
                        killAll();
                        return target.machine().termination().status();
                    }
                    case 'D' -> {
                        rsp.send("OK");
                        return target.machine().run();
                    }
                    default -> reply(packet);
                }
                if (lastStop instanceof DebugTarget.Stop.Exited e && packet.matches("[cCsS].*|vCont;.*")) {
                    return e.termination().status();
                }
            }
        } catch (EOFException | UncheckedIOException e) {
            // gdb went away without 'k' or 'D': the program ends with it, as under gdbserver.
            killAll();
            return target.machine().termination().status();
        }
    }

    private void killAll() {
        for (Kernel k : target.machine().kernel().processes().processes()) {
            k.terminate(Termination.signal(Termination.SIGKILL, null));
        }
    }

    private void reply(String packet) throws IOException {
        String reply;
        try {
            reply = packet.isEmpty() ? "" : answer(packet);
        } catch (RuntimeException malformed) {
            reply = "E01";
        }
        if (reply != null) {
            rsp.send(reply);
        }
    }

    /** The reply to one packet (null when it was sent already); the empty string tells gdb the packet is not supported. */
    String answer(String p) {
        char kind = p.charAt(0);
        String args = p.substring(1);
        return switch (kind) {
            case '?' -> stopReply(lastStop, target.current());
            case 'g' -> HEX.formatHex(Registers.readAll(selected.cpu()));
            case 'G' -> {
                Registers.writeAll(selected.cpu(), HEX.parseHex(args));
                yield "OK";
            }
            case 'p' -> readRegister(Integer.parseInt(args, 16));
            case 'P' -> writeRegister(args);
            case 'm' -> readMemory(args);
            case 'M' -> writeMemory(args.substring(0, args.indexOf(':')),
                    HEX.parseHex(args.substring(args.indexOf(':') + 1)));
            case 'X' -> writeMemory(args.substring(0, args.indexOf(':')),
                    args.substring(args.indexOf(':') + 1).getBytes(StandardCharsets.ISO_8859_1));
            case 'c' -> resume(false, 0, null);
            case 's' -> resume(true, 0, null);
            case 'C' -> resume(false, signal(args), null);
            case 'S' -> resume(true, signal(args), null);
            case 'Z' -> point(args, true);
            case 'z' -> point(args, false);
            case 'H' -> selectThread(args);
            case 'T' -> process(args) != null ? "OK" : "E01";
            case 'q' -> query(p);
            case 'Q' -> p.equals("QStartNoAckMode") ? noAck() : "";
            case 'v' -> verbose(p);
            default -> "";
        };
    }

    private String noAck() {
        // The OK itself is still acknowledged; acks stop from the next packet on.
        try {
            rsp.send("OK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rsp.disableAcks();
        return null;
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) {
            return "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";
        }
        if (p.startsWith("qXfer:features:read:target.xml:")) {
            String[] range = p.substring("qXfer:features:read:target.xml:".length()).split(",");
            int offset = Integer.parseInt(range[0], 16), length = Integer.parseInt(range[1], 16);
            String xml = Registers.TARGET_XML;
            if (offset >= xml.length()) return "l";
            int end = Math.min(xml.length(), offset + length);
            return (end == xml.length() ? "l" : "m") + xml.substring(offset, end);
        }
        return switch (p) {
            case "qC" -> "QC" + Integer.toHexString(target.current().pid());
            case "qfThreadInfo" -> threadList();
            case "qsThreadInfo" -> "l";
            case "qAttached" -> "1";
            case "qSymbol::" -> "OK";
            default -> "";
        };
    }

    private String verbose(String p) {
        if (p.equals("vCont?")) return "vCont;c;C;s;S";
        if (p.startsWith("vCont;")) {
            // The first action decides: "vCont;s:3e9;c" steps process 1001 (the others run meanwhile as
            // scheduled), "vCont;c" continues everyone.
            String[] action = p.substring("vCont;".length()).split(";")[0].split(":");
            char a = action[0].charAt(0);
            Kernel thread = action.length > 1 ? process(action[1]) : null;
            return resume(a == 's' || a == 'S', a == 'C' || a == 'S' ? signal(action[0].substring(1)) : 0, thread);
        }
        if (p.startsWith("vKill")) {
            killAll();
            return "OK";
        }
        return "";
    }

    /** The signal number that opens a C, S or vCont action's argument ("0b" or "0b;addr"). */
    private static int signal(String args) {
        return Integer.parseInt(args.substring(0, 2), 16);
    }

    /** Resumes; a single step steps {@code thread} (by default the selected process). */
    private String resume(boolean singleStep, int signal, Kernel thread) {
        Kernel stepped = thread != null ? thread : selected;
        lastStop = singleStep ? target.stepProcess(stepped, signal, rsp::interrupted)
                : target.resume(false, signal, rsp::interrupted);
        selected = target.current();
        return stopReply(lastStop, target.current());
    }

    static String stopReply(DebugTarget.Stop stop, Kernel in) {
        int tid = in.pid();
        return switch (stop) {
            case DebugTarget.Stop.Trap t -> String.format("T%02xthread:%x;%s", t.signal(), tid,
                    t.breakpoint() ? "swbreak:;" : "");
            case DebugTarget.Stop.Watch w -> String.format("T05%s:%x;thread:%x;", w.kind().stopName, w.address(), tid);
            case DebugTarget.Stop.Exited e -> e.termination().bySignal()
                    ? String.format("X%02x", e.termination().signal())
                    : String.format("W%02x", e.termination().status());
        };
    }

    /** "Hg3e9" selects the process whose registers and memory gdb reads; "Hc" and the "any" ids change nothing. */
    private String selectThread(String args) {
        if (args.isEmpty() || args.charAt(0) != 'g') return "OK";
        String id = args.substring(1);
        if (id.equals("0") || id.equals("-1")) return "OK";
        Kernel k = process(id);
        if (k == null) return "E01";
        selected = k;
        return "OK";
    }

    /** The live process whose pid is the hex thread id, or null. */
    private Kernel process(String threadId) {
        int pid = Integer.parseInt(threadId, 16);
        for (Kernel k : target.machine().kernel().processes().processes()) {
            if (k.pid() == pid && !k.exited()) return k;
        }
        return null;
    }

    private String threadList() {
        StringBuilder sb = new StringBuilder("m");
        for (Kernel k : target.machine().kernel().processes().processes()) {
            if (k.exited()) continue;
            if (sb.length() > 1) sb.append(',');
            sb.append(Integer.toHexString(k.pid()));
        }
        return sb.length() > 1 ? sb.toString() : "l";
    }

    private String readRegister(int regno) {
        if (regno >= Registers.COUNT) return "E00";
        return HEX.formatHex(Registers.read(selected.cpu(), regno));
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        int regno = Integer.parseInt(args.substring(0, eq), 16);
        if (regno >= Registers.COUNT) return "E00";
        byte[] value = HEX.parseHex(args.substring(eq + 1));
        byte[] full = new byte[Registers.size(regno)];
        System.arraycopy(value, 0, full, 0, Math.min(value.length, full.length));
        Registers.write(selected.cpu(), regno, full);
        return "OK";
    }

    private String readMemory(String args) {
        String[] al = args.split(",");
        long address = Long.parseUnsignedLong(al[0], 16);
        int length = Math.min(Integer.parseInt(al[1], 16), 0x1000);
        try {
            return HEX.formatHex(GuestMemory.read(selected, address, length));
        } catch (RuntimeException e) {
            return BAD_ADDRESS;
        }
    }

    private String writeMemory(String addressAndLength, byte[] data) {
        long address = Long.parseUnsignedLong(addressAndLength.split(",")[0], 16);
        try {
            selected.user().write(address, data);
            return "OK";
        } catch (RuntimeException e) {
            return BAD_ADDRESS;
        }
    }

    /** Z/z type,addr,kind: 0 and 1 are breakpoints, 2 3 4 write, read and access watchpoints of kind bytes. */
    private String point(String args, boolean insert) {
        String[] f = args.split("[,;]");
        int type = Integer.parseInt(f[0]);
        long address = Long.parseUnsignedLong(f[1], 16);
        int length = Integer.parseInt(f[2], 16);
        if (type == 0 || type == 1) {
            if (insert) target.addBreakpoint(address);
            else target.removeBreakpoint(address);
            return "OK";
        }
        Watchpoint.Kind kind = switch (type) {
            case 2 -> Watchpoint.Kind.WRITE;
            case 3 -> Watchpoint.Kind.READ;
            case 4 -> Watchpoint.Kind.ACCESS;
            default -> null;
        };
        if (kind == null) return "";
        Watchpoint w = new Watchpoint(address, length, kind);
        if (insert) target.addWatchpoint(w);
        else target.removeWatchpoint(w);
        return "OK";
    }
}
