package dev.boardup.debug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an ELF64 x86-64 file a disassembler needs: the section headers (name, address, flags, bytes) and
 * the symbol table. Malformed input is reported as an {@link IllegalArgumentException} with a one-line reason.
 */
final class ElfImage {
    static final int SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_NOBITS = 8;
    static final long SHF_ALLOC = 2, SHF_EXECINSTR = 4;
    static final int STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STB_LOCAL = 0, STB_GLOBAL = 1;
    private static final int EM_X86_64 = 62;

    /** One section header, with its name resolved. */
    record Section(int index, String name, int type, long flags, long address, long offset, long size, int link) {
        boolean isCode() {
            return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0 && (flags & SHF_ALLOC) != 0;
        }

        boolean contains(long va) {
            return va >= address && va < address + size;
        }
    }

    /** One symbol: its name, value, type, binding and the index of the section it is defined in. */
    record Symbol(String name, long value, long size, int type, int bind, int section) {}

    private final ByteBuffer file;
    final List<Section> sections = new ArrayList<>();
    final List<Symbol> symbols = new ArrayList<>();
    /** An object file (ET_REL): every section starts at address 0. */
    final boolean relocatable;

    private ElfImage(byte[] bytes) {
        this.file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        checkHeader(bytes);
        this.relocatable = file.getShort(16) == 1;
        readSections();
        readSymbols();
    }

    static ElfImage parse(byte[] bytes) {
        try {
            return new ElfImage(bytes);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated ELF file");
        }
    }

    private void checkHeader(byte[] b) {
        if (b.length < 64 || b[0] != 0x7F || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
            throw new IllegalArgumentException("file format not recognized");
        }
        if (b[4] != 2 || b[5] != 1 || file.getShort(18) != EM_X86_64) {
            throw new IllegalArgumentException("not a little-endian ELF64 x86-64 file");
        }
    }

    private void readSections() {
        long shoff = file.getLong(0x28);
        int shentsize = file.getShort(0x3A) & 0xFFFF, shnum = file.getShort(0x3C) & 0xFFFF;
        int shstrndx = file.getShort(0x3E) & 0xFFFF;
        if (shoff == 0 || shnum == 0) {
            return;
        }
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = Math.toIntExact(shoff + (long) i * shentsize);
            raw.add(new long[] {file.getInt(at) & 0xFFFFFFFFL, file.getInt(at + 4), file.getLong(at + 8),
                file.getLong(at + 16), file.getLong(at + 24), file.getLong(at + 32), file.getInt(at + 40)});
        }
        long namesOffset = shstrndx < shnum ? raw.get(shstrndx)[4] : 0;
        for (int i = 0; i < shnum; i++) {
            long[] s = raw.get(i);
            sections.add(new Section(i, string(namesOffset + s[0]), (int) s[1], s[2], s[3], s[4], s[5], (int) s[6]));
        }
    }

    private void readSymbols() {
        for (Section s : sections) {
            if (s.type() != SHT_SYMTAB) continue;
            long strings = sections.get(s.link()).offset();
            for (long at = s.offset() + 24; at + 24 <= s.offset() + s.size(); at += 24) {
                int a = Math.toIntExact(at);
                int info = file.get(a + 4) & 0xFF;
                symbols.add(new Symbol(string(strings + (file.getInt(a) & 0xFFFFFFFFL)), file.getLong(a + 8),
                        file.getLong(a + 16), info & 0xF, info >> 4, file.getShort(a + 6) & 0xFFFF));
            }
        }
    }

    private String string(long offset) {
        int start = Math.toIntExact(offset), end = start;
        while (file.get(end) != 0) end++;
        byte[] b = new byte[end - start];
        file.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The section called {@code name}, or null. */
    Section section(String name) {
        for (Section s : sections) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    /** The bytes of a section as they are in the file. */
    byte[] contents(Section s) {
        byte[] b = new byte[Math.toIntExact(s.size())];
        file.get(Math.toIntExact(s.offset()), b);
        return b;
    }
}
