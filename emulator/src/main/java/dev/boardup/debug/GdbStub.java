package dev.boardup.debug;

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
 * The process is thread 1; there is no other.
 */
public final class GdbStub {
    private static final HexFormat HEX = HexFormat.of();
    /** The errno gdb gets for memory it cannot read or write: EFAULT. */
    private static final String BAD_ADDRESS = "E14";

    private final DebugTarget target;
    private RspConnection rsp;
    private DebugTarget.Stop lastStop = new DebugTarget.Stop.Trap(DebugTarget.SIGTRAP, false);

    public GdbStub(Machine machine) {
        this.target = new DebugTarget(machine);
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
                        target.machine().kernel().terminate(Termination.signal(Termination.SIGKILL, null));
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
            if (!target.machine().kernel().exited()) {
                target.machine().kernel().terminate(Termination.signal(Termination.SIGKILL, null));
            }
            return target.machine().termination().status();
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
            case '?' -> stopReply(lastStop);
            case 'g' -> HEX.formatHex(Registers.readAll(target.cpu()));
            case 'G' -> {
                Registers.writeAll(target.cpu(), HEX.parseHex(args));
                yield "OK";
            }
            case 'p' -> readRegister(Integer.parseInt(args, 16));
            case 'P' -> writeRegister(args);
            case 'm' -> readMemory(args);
            case 'M' -> writeMemory(args.substring(0, args.indexOf(':')),
                    HEX.parseHex(args.substring(args.indexOf(':') + 1)));
            case 'X' -> writeMemory(args.substring(0, args.indexOf(':')),
                    args.substring(args.indexOf(':') + 1).getBytes(StandardCharsets.ISO_8859_1));
            case 'c' -> resume(false, 0);
            case 's' -> resume(true, 0);
            case 'C' -> resume(false, signal(args));
            case 'S' -> resume(true, signal(args));
            case 'Z' -> point(args, true);
            case 'z' -> point(args, false);
            case 'H', 'T' -> "OK";
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
            case "qC" -> "QC1";
            case "qfThreadInfo" -> "m1";
            case "qsThreadInfo" -> "l";
            case "qAttached" -> "1";
            case "qSymbol::" -> "OK";
            default -> "";
        };
    }

    private String verbose(String p) {
        if (p.equals("vCont?")) return "vCont;c;C;s;S";
        if (p.startsWith("vCont;")) {
            // The first action applies to our only thread: "vCont;s:1;c" steps, "vCont;c" continues.
            String action = p.substring("vCont;".length()).split(";")[0].split(":")[0];
            char a = action.charAt(0);
            return resume(a == 's' || a == 'S', a == 'C' || a == 'S' ? signal(action.substring(1)) : 0);
        }
        if (p.startsWith("vKill")) {
            target.machine().kernel().terminate(Termination.signal(Termination.SIGKILL, null));
            return "OK";
        }
        return "";
    }

    /** The signal number that opens a C, S or vCont action's argument ("0b" or "0b;addr"). */
    private static int signal(String args) {
        return Integer.parseInt(args.substring(0, 2), 16);
    }

    private String resume(boolean singleStep, int signal) {
        lastStop = target.resume(singleStep, signal, rsp::interrupted);
        return stopReply(lastStop);
    }

    static String stopReply(DebugTarget.Stop stop) {
        return switch (stop) {
            case DebugTarget.Stop.Trap t -> String.format("T%02xthread:1;%s", t.signal(), t.breakpoint() ? "swbreak:;" : "");
            case DebugTarget.Stop.Watch w -> String.format("T05%s:%x;thread:1;", w.kind().stopName, w.address());
            case DebugTarget.Stop.Exited e -> e.termination().bySignal()
                    ? String.format("X%02x", e.termination().signal())
                    : String.format("W%02x", e.termination().status());
        };
    }

    private String readRegister(int regno) {
        if (regno >= Registers.COUNT) return "E00";
        return HEX.formatHex(Registers.read(target.cpu(), regno));
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        int regno = Integer.parseInt(args.substring(0, eq), 16);
        if (regno >= Registers.COUNT) return "E00";
        byte[] value = HEX.parseHex(args.substring(eq + 1));
        byte[] full = new byte[Registers.size(regno)];
        System.arraycopy(value, 0, full, 0, Math.min(value.length, full.length));
        Registers.write(target.cpu(), regno, full);
        return "OK";
    }

    private String readMemory(String args) {
        String[] al = args.split(",");
        long address = Long.parseUnsignedLong(al[0], 16);
        int length = Math.min(Integer.parseInt(al[1], 16), 0x1000);
        try {
            return HEX.formatHex(target.machine().kernel().user().read(address, length));
        } catch (RuntimeException e) {
            return BAD_ADDRESS;
        }
    }

    private String writeMemory(String addressAndLength, byte[] data) {
        long address = Long.parseUnsignedLong(addressAndLength.split(",")[0], 16);
        try {
            target.machine().kernel().user().write(address, data);
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
