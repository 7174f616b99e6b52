package dev.boardup.debug;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framing of gdb's remote serial protocol: {@code $payload#cs} packets with a modulo-256 checksum, '+'/'-'
 * acknowledgements until QStartNoAckMode turns them off, '}' escapes in binary data, and the lone 0x03 byte gdb
 * sends to interrupt a running target. Payloads are handled as ISO-8859-1 strings so every byte maps to one char.
 */
final class RspConnection {
    static final int INTERRUPT = 0x03;

    private final InputStream in;
    private final OutputStream out;
    private boolean acks = true;
    private boolean interruptPending;

    RspConnection(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    void disableAcks() {
        acks = false;
    }

    /** The next packet's payload, unescaped; a bad checksum is nacked and the packet read again. */
    String receive() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("gdb closed the connection");
            if (c == INTERRUPT) {
                interruptPending = true;
                continue;
            }
            if (c != '$') continue; // acks of our packets and line noise
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int sum = 0;
            while ((c = in.read()) != '#') {
                if (c < 0) throw new EOFException("gdb closed the connection");
                sum += c;
                body.write(c);
            }
            int hi = in.read(), lo = in.read();
            if (lo < 0) throw new EOFException("gdb closed the connection");
            boolean ok = Integer.parseInt("" + (char) hi + (char) lo, 16) == (sum & 0xFF);
            if (acks) {
                out.write(ok ? '+' : '-');
                out.flush();
            }
            if (ok) return unescape(body.toByteArray());
        }
    }

    private static String unescape(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xFF;
            if (b == '}' && i + 1 < raw.length) {
                b = (raw[++i] & 0xFF) ^ 0x20;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Sends a packet, escaping the bytes the framing reserves, and waits for its ack while acks are on. */
    void send(String payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xFF;
            if (c == '$' || c == '#' || c == '}' || c == '*') {
                body.write('}');
                c ^= 0x20;
            }
            body.write(c);
        }
        byte[] bytes = body.toByteArray();
        int sum = 0;
        for (byte b : bytes) sum += b & 0xFF;
        for (int attempt = 0; ; attempt++) {
            out.write('$');
            out.write(bytes);
            out.write(String.format("#%02x", sum & 0xFF).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (!acks || awaitAck() || attempt >= 3) return;
        }
    }

    private boolean awaitAck() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("gdb closed the connection");
            if (c == '+') return true;
            if (c == '-') return false;
            if (c == INTERRUPT) interruptPending = true;
        }
    }

    /** Whether gdb asked to interrupt the running target (Ctrl-C), consuming the request. Never blocks. */
    boolean interrupted() {
        try {
            while (!interruptPending && in.available() > 0) {
                int c = in.read();
                if (c == INTERRUPT) interruptPending = true;
            }
        } catch (IOException e) {
            interruptPending = true;
        }
        boolean was = interruptPending;
        interruptPending = false;
        return was;
    }
}
