package dev.boardup.debug;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Disassembler;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.kernel.Kernel;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.VirtualMemory;
import java.io.PrintStream;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's {@code x/NFU ADDRESS}: memory as words in a format (x d u o t c), as strings (s) or as instructions (i),
 * each line headed by its address and symbol, {@code 0x4a40d0 <table>:}. Format and size are remembered from one
 * x to the next, as gdb does.
 */
final class Examine {
    private static final int MAX_COUNT = 4096;
    private static final Pattern EXAMINE = Pattern.compile("x(?:/(\\d*)([a-z]*))?\\s*(.*)");

    private final Program program;
    private final PrintStream out;
    private final ToLongFunction<String> evaluate;
    private char lastFormat = 'x', lastSize = 'w';

    Examine(Program program, PrintStream out, ToLongFunction<String> evaluate) {
        this.program = program;
        this.out = out;
        this.evaluate = evaluate;
    }

    /** x/NFU ADDRESS with gdb's formats (x d u o t c s i) and sizes (b h w g). */
    void run(Kernel k, String line) {
        Matcher m = EXAMINE.matcher(line);
        if (!m.matches()) throw new IllegalArgumentException("Undefined command: \"" + line.split("\\s")[0] + "\".");
        String n = m.group(1) == null || m.group(1).isEmpty() ? "1" : m.group(1);
        if (n.length() > 5 || Integer.parseInt(n) > MAX_COUNT) {
            throw new IllegalArgumentException("x shows at most " + MAX_COUNT + " units at once.");
        }
        int count = Integer.parseInt(n);
        char format = lastFormat, size = 0;
        for (char ch : (m.group(2) == null ? "" : m.group(2)).toCharArray()) {
            if ("bhwg".indexOf(ch) >= 0) size = ch;
            else if ("xduotcsi".indexOf(ch) >= 0) format = ch;
            else throw new IllegalArgumentException("Undefined output format \"" + ch + "\".");
        }
        if (m.group(3).isEmpty()) throw new IllegalArgumentException("Argument required (starting display address).");
        long address = evaluate.applyAsLong(m.group(3));
        lastFormat = format;
        switch (format) {
            case 's' -> strings(k, address, count);
            case 'i' -> {
                for (int i = 0; i < count; i++) address += instruction(k, address, false);
            }
            default -> {
                if (size == 0) size = format == 'c' ? 'b' : lastSize;
                if (format != 'c') lastSize = size;
                words(k, address, count, format, size);
            }
        }
    }

    private void words(Kernel k, long address, int count, char format, char size) {
        int bytes = switch (size) {
            case 'b' -> 1;
            case 'h' -> 2;
            case 'g' -> 8;
            default -> 4;
        };
        int perLine = bytes == 8 ? 2 : bytes == 4 ? 4 : 8;
        GuestMemory.read(k, address, count * bytes); // the whole range must be readable before a word shows
        for (int i = 0; i < count; i++) {
            long at = address + (long) i * bytes;
            if (i % perLine == 0) {
                if (i > 0) out.println();
                out.print(addressLabel(at) + ":");
            }
            out.print("\t" + formatValue(GuestMemory.readValue(k, at, bytes), format, bytes));
        }
        out.println();
    }

    private String addressLabel(long address) {
        String label = program.label(address);
        return "0x" + Long.toHexString(address) + (label.isEmpty() ? "" : " " + label);
    }

    static String formatValue(long v, char format, int bytes) {
        int bits = 8 * bytes;
        long signed = bits == 64 ? v : v << (64 - bits) >> (64 - bits);
        return switch (format) {
            case 'x' -> "0x" + String.format("%" + (2 * bytes) + "s", Long.toHexString(v)).replace(' ', '0');
            case 'd' -> Long.toString(signed);
            case 'u' -> Long.toUnsignedString(v);
            case 'o' -> v == 0 ? "0" : "0" + Long.toOctalString(v);
            case 't' -> String.format("%" + bits + "s", Long.toBinaryString(v)).replace(' ', '0');
            case 'c' -> signed + " " + charLiteral((int) signed);
            default -> throw new IllegalArgumentException("Undefined output format \"" + format + "\".");
        };
    }

    private static String charLiteral(int c) {
        return "'" + escape(c & 0xFF, '\'') + "'";
    }

    /** A byte as gdb shows it inside quotes: C escapes, printable ASCII as is, the rest in octal. */
    private static String escape(int c, char quote) {
        return switch (c) {
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            case 27 -> "\\033";
            default -> c == quote || c == '\\' ? "\\" + (char) c
                    : c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\%03o", c);
        };
    }

    private void strings(Kernel k, long address, int count) {
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder("\"");
            long at = address;
            int c;
            while ((c = (int) GuestMemory.readValue(k, at, 1)) != 0 && at - address < 200) {
                sb.append(escape(c, '"'));
                at++;
            }
            out.println(addressLabel(address) + ":\t" + sb.append('"') + (c != 0 ? "..." : ""));
            address = at + 1;
        }
    }

    /** One instruction as gdb's x/i prints it ("=> " marks pc); returns its length. */
    int instruction(Kernel k, long address, boolean alwaysMark) {
        String mark = address == k.cpu().rip || alwaysMark ? "=> " : "   ";
        try {
            Instruction insn = Decoder.decode(new Peek(k), address);
            out.println(mark + addressLabel(address) + ":\t" + nameTarget(Disassembler.format(insn)));
            return insn.length;
        } catch (CpuException | IllegalArgumentException e) {
            out.println(mark + addressLabel(address) + ":\t(bad)");
            return 1;
        }
    }

    /** gdb follows a branch target with its symbol: "call   0x401136 <add>". */
    private String nameTarget(String text) {
        Matcher m = Pattern.compile("^(.*\\s)0x([0-9a-f]+)$").matcher(text);
        if (m.matches() && text.matches("^(call|jmp|j[a-z]+|loop[a-z]*)\\s.*")) {
            String label = program.label(Long.parseUnsignedLong(m.group(2), 16));
            if (!label.isEmpty()) return text + " " + label;
        }
        return text;
    }

    /** A process's memory for the decoder, read without touching its TLB. */
    private record Peek(Kernel k) implements VirtualMemory {
        @Override
        public byte fetch8(long va) {
            try {
                return GuestMemory.read(k, va, 1)[0];
            } catch (IllegalArgumentException e) {
                throw new PageFault(va, PageFault.I | PageFault.U);
            }
        }

        @Override
        public byte read8(long va) {
            return fetch8(va);
        }

        @Override
        public short read16(long va) {
            return (short) GuestMemory.readValue(k, va, 2);
        }

        @Override
        public int read32(long va) {
            return (int) GuestMemory.readValue(k, va, 4);
        }

        @Override
        public long read64(long va) {
            return GuestMemory.readValue(k, va, 8);
        }

        @Override
        public void write8(long va, byte value) {
            throw new PageFault(va, PageFault.W | PageFault.U);
        }

        @Override
        public void write16(long va, short value) {
            write8(va, (byte) value);
        }

        @Override
        public void write32(long va, int value) {
            write8(va, (byte) value);
        }

        @Override
        public void write64(long va, long value) {
            write8(va, (byte) value);
        }
    }
}
