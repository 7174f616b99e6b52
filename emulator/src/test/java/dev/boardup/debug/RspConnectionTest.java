package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Packet framing of the remote serial protocol: checksums, acks, escapes, interrupts. */
class RspConnectionTest {
    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aGoodPacketIsAckedAndABadChecksumNacked() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // "g" sums to 0x67; the first copy carries a wrong checksum and must be refused.
        RspConnection c = new RspConnection(bytes("$g#00$g#67"), out);
        assertEquals("g", c.receive());
        assertEquals("-+", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sentPacketsCarryTheirChecksumAndEscapes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RspConnection c = new RspConnection(bytes("+"), out);
        c.send("OK");
        assertEquals("$OK#9a", out.toString(StandardCharsets.ISO_8859_1));
        out.reset();
        c.disableAcks();
        c.send("a#b");
        // '#' goes as '}' followed by '#' ^ 0x20 = 0x03; the checksum is over the bytes as sent.
        int sum = ('a' + '}' + 0x03 + 'b') & 0xFF;
        assertEquals("$a}\u0003b#" + String.format("%02x", sum), out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aNackedPacketIsSentAgain() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RspConnection c = new RspConnection(bytes("-+"), out);
        c.send("S05");
        assertEquals("$S05#b8$S05#b8", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void escapedBinaryDataIsUnescaped() throws Exception {
        String body = "X1000,1:}\u0003";
        int sum = 0;
        for (char ch : body.toCharArray()) sum += ch;
        RspConnection c = new RspConnection(bytes("$" + body + "#" + String.format("%02x", sum & 0xFF)),
                new ByteArrayOutputStream());
        assertEquals("X1000,1:#", c.receive());
    }

    @Test
    void theInterruptByteIsNoticedBetweenPackets() throws Exception {
        RspConnection c = new RspConnection(bytes("\u0003"), new ByteArrayOutputStream());
        assertTrue(c.interrupted());
        assertFalse(c.interrupted(), "an interrupt is consumed once noticed");
    }
}
