package dev.boardup.debug;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Disassembler;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code boardup objdump -d}: the code sections of an ELF file disassembled in the layout of GNU objdump -d —
 * function headers {@code 0000000000401000 <_start>:}, seven instruction bytes a line, AT&T syntax from our
 * {@link Disassembler}, branch targets and RIP-relative addresses named {@code <symbol+0xoff>}, and runs of zero
 * bytes shown as "...".
 */
public final class ObjDump {
    private static final int BYTES_PER_LINE = 7;
    /** objdump skips runs of this many zero bytes, or shorter ones than SKIP_ZEROES_AT_END at a region's end. */
    private static final int SKIP_ZEROES = 8, SKIP_ZEROES_AT_END = 3;
    private static final Pattern BRANCH = Pattern.compile(
            "^((?:bnd |notrack )?(?:call|jmp|j[a-z]+|loop[a-z]*|xbegin)\\s+)0x([0-9a-f]+)$");
    private static final Pattern RIP_COMMENT = Pattern.compile("(\\s+# )0x([0-9a-f]+)$");

    private final ElfImage elf;
    /** For each address, the symbol objdump would name it by (one per address). */
    private final TreeMap<Long, ElfImage.Symbol> labels = new TreeMap<>();
    /** The same per section: headers come from a section's own symbols (in an object file sections overlap). */
    private final Map<Integer, TreeMap<Long, ElfImage.Symbol>> labelsBySection = new HashMap<>();
    /** The map naming the addresses the current section refers to: its own in an object file, else all. */
    private TreeMap<Long, ElfImage.Symbol> targets;

    private ObjDump(ElfImage elf) {
        this.elf = elf;
        List<ElfImage.Symbol> candidates = new ArrayList<>();
        for (ElfImage.Symbol s : elf.symbols) {
            if (!s.name().isEmpty() && s.type() != ElfImage.STT_SECTION && s.type() != ElfImage.STT_FILE
                    && s.section() > 0 && s.section() < 0xFF00) {
                candidates.add(s);
            }
        }
        for (ElfImage.Symbol s : candidates) {
            labels.merge(s.value(), s, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
            labelsBySection.computeIfAbsent(s.section(), k -> new TreeMap<>())
                    .merge(s.value(), s, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
    }

    /**
     * objdump's order among symbols at one address, the first naming it: functions, then non-local, then global
     * over weak, then the larger, then names not starting with '.', then by name.
     */
    private static final Comparator<ElfImage.Symbol> BEST_FIRST = Comparator
            .comparing((ElfImage.Symbol s) -> s.type() != ElfImage.STT_FUNC)
            .thenComparing(s -> s.bind() == ElfImage.STB_LOCAL)
            .thenComparing(s -> s.bind() != ElfImage.STB_GLOBAL)
            .thenComparing(ElfImage.Symbol::size, Comparator.reverseOrder())
            .thenComparing(s -> s.name().startsWith("."))
            .thenComparing(ElfImage.Symbol::name);

    /** The whole listing for {@code elfBytes}, headed with {@code displayName} as objdump heads it with the path. */
    public static String disassemble(String displayName, byte[] elfBytes) {
        return new ObjDump(ElfImage.parse(elfBytes)).listing(displayName);
    }

    /** The listing of an already parsed file, for the debugger's disassemble (no file-name header). */
    static String disassemble(ElfImage elf) {
        return new ObjDump(elf).listing("");
    }

    private String listing(String displayName) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(displayName).append(":     file format elf64-x86-64\n\n");
        for (ElfImage.Section s : elf.sections) {
            if (s.isCode() && s.size() > 0) {
                out.append("\nDisassembly of section ").append(s.name()).append(":\n");
                section(out, s);
            }
        }
        return out.toString();
    }

    private void section(StringBuilder out, ElfImage.Section s) {
        byte[] code = elf.contents(s);
        int skip = addressCharsToSkip(s.address() + s.size());
        TreeMap<Long, ElfImage.Symbol> own = labelsBySection.getOrDefault(s.index(), new TreeMap<>());
        targets = elf.relocatable ? own : labels;
        List<Long> starts = new ArrayList<>(own.subMap(s.address(), s.address() + s.size()).keySet());
        if (starts.isEmpty() || starts.get(0) != s.address()) {
            starts.add(0, s.address());
        }
        starts.sort(Comparator.naturalOrder());
        for (int i = 0; i < starts.size(); i++) {
            long start = starts.get(i);
            long stop = i + 1 < starts.size() ? starts.get(i + 1) : s.address() + s.size();
            ElfImage.Symbol sym = own.get(start);
            out.append(String.format("%n%016x <%s>:%n", start, sym != null ? sym.name() : s.name()));
            region(out, s, code, (int) (start - s.address()), (int) (stop - s.address()), skip);
        }
    }

    private void region(StringBuilder out, ElfImage.Section s, byte[] code, int from, int stop, int skip) {
        VirtualMemory memory = new SectionMemory(s.address(), code);
        int at = from;
        while (at < stop) {
            int zeros = 0;
            while (at + zeros < stop && code[at + zeros] == 0) zeros++;
            if (zeros >= SKIP_ZEROES || (at + zeros == stop && zeros > 0 && zeros < SKIP_ZEROES_AT_END)) {
                at += at + zeros == stop ? zeros : zeros & ~3;
                out.append("\t...\n");
                continue;
            }
            long va = s.address() + at;
            int length;
            String text;
            try {
                Instruction insn = Decoder.decode(memory, va);
                length = insn.length;
                text = nameAddresses(Disassembler.format(insn));
            } catch (CpuException e) {
                length = 1;
                text = "(bad)";
            }
            line(out, va, code, at, length, text, skip);
            at += length;
        }
    }

    /** One instruction: address, up to seven bytes, the text; further bytes on continuation lines. */
    private static void line(StringBuilder out, long va, byte[] code, int at, int length, String text, int skip) {
        for (int done = 0; done < length; done += BYTES_PER_LINE) {
            out.append(address(va + done, skip)).append(":\t");
            int n = Math.min(BYTES_PER_LINE, length - done);
            for (int i = 0; i < n; i++) {
                out.append(String.format("%02x ", code[at + done + i] & 0xFF));
            }
            if (done == 0) {
                out.append(" ".repeat(3 * (BYTES_PER_LINE - n))).append('\t').append(text);
            }
            out.append('\n');
        }
    }

    /** objdump drops leading zeros of addresses in groups of four, always leaving one, judged by the section end. */
    static int addressCharsToSkip(long sectionEnd) {
        String digits = String.format("%016x", sectionEnd);
        int zeros = 0;
        while (zeros < 16 && digits.charAt(zeros) == '0') zeros++;
        return zeros == 0 ? 0 : (zeros - 1) & -4;
    }

    static String address(long va, int skip) {
        char[] digits = String.format("%016x", va).substring(skip).toCharArray();
        for (int i = 0; i < digits.length - 1 && digits[i] == '0'; i++) digits[i] = ' ';
        return new String(digits);
    }

    /** Rewrites the plain "0x401000" of a branch target or RIP-relative comment as objdump's "401000 <main>". */
    private String nameAddresses(String text) {
        Matcher m = BRANCH.matcher(text);
        if (m.matches()) {
            return m.group(1) + symbolic(Long.parseUnsignedLong(m.group(2), 16));
        }
        m = RIP_COMMENT.matcher(text);
        if (m.find()) {
            return text.substring(0, m.start()) + m.group(1) + symbolic(Long.parseUnsignedLong(m.group(2), 16));
        }
        return text;
    }

    /** objdump names an address by the nearest symbol at or below it, from any section of an executable. */
    private String symbolic(long target) {
        var floor = targets.floorEntry(target);
        if (floor == null) {
            return "0x" + Long.toHexString(target);
        }
        return Long.toHexString(target) + " <" + floor.getValue().name() + offset(target - floor.getKey()) + ">";
    }

    private static String offset(long off) {
        return off == 0 ? "" : "+0x" + Long.toHexString(off);
    }

    /** A section's bytes at its address, for the decoder; fetching past the end faults like unmapped memory. */
    private record SectionMemory(long base, byte[] bytes) implements VirtualMemory {
        @Override
        public byte fetch8(long va) {
            long i = va - base;
            if (i < 0 || i >= bytes.length) throw new PageFault(va, PageFault.I | PageFault.U);
            return bytes[(int) i];
        }

        @Override
        public byte read8(long va) {
            return fetch8(va);
        }

        @Override
        public short read16(long va) {
            return (short) (read8(va) & 0xFF | read8(va + 1) << 8);
        }

        @Override
        public int read32(long va) {
            return read16(va) & 0xFFFF | read16(va + 2) << 16;
        }

        @Override
        public long read64(long va) {
            return read32(va) & 0xFFFFFFFFL | (long) read32(va + 4) << 32;
        }

        @Override
        public void write8(long va, byte value) {
            throw new PageFault(va, PageFault.P | PageFault.W | PageFault.U);
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
