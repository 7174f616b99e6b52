package dev.boardup.toolchain.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A parsed ELF64 little-endian x86-64 relocatable object (ET_REL): its sections, symbols and relocations. */
public final class ElfObject {
    /** A section header with its contents (null for SHT_NOBITS) and, once read, the RELA entries applying to it. */
    public static final class Section {
        public final int index;
        public final String name;
        public final int type;
        public final long flags;
        public final long size;
        public final int link;
        public final int info;
        public final long align;
        public final long entsize;
        public final byte[] data;
        public final List<Rela> relocations = new ArrayList<>();

        Section(int index, String name, int type, long flags, long size, int link, int info, long align, long entsize,
                byte[] data) {
            this.index = index;
            this.name = name;
            this.type = type;
            this.flags = flags;
            this.size = size;
            this.link = link;
            this.info = info;
            this.align = align;
            this.entsize = entsize;
            this.data = data;
        }

        public boolean isAlloc() {
            return (flags & Elf.SHF_ALLOC) != 0;
        }
    }

    /** A symbol table entry. */
    public record Symbol(int index, String name, int info, int other, int shndx, long value, long size) {
        public int bind() {
            return Elf.stBind(info);
        }

        public int type() {
            return Elf.stType(info);
        }

        public boolean isUndefined() {
            return shndx == Elf.SHN_UNDEF;
        }
    }

    /** One Elf64_Rela: patch at offset in the section, with this type, symbol and addend. */
    public record Rela(long offset, int type, int symbol, long addend) {}

    public final String name;
    public final List<Section> sections;
    public final List<Symbol> symbols;
    /** Index of the first non-local symbol (the symbol table's sh_info). */
    public final int firstGlobal;

    private ElfObject(String name, List<Section> sections, List<Symbol> symbols, int firstGlobal) {
        this.name = name;
        this.sections = Collections.unmodifiableList(sections);
        this.symbols = Collections.unmodifiableList(symbols);
        this.firstGlobal = firstGlobal;
    }

    public static boolean isElf(byte[] data) {
        return data.length >= 4 && data[0] == 0x7F && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    /** Parses an ELF64 x86-64 relocatable object; name is used in messages. */
    public static ElfObject parse(String name, byte[] data) throws ElfFormatException {
        try {
            return read(name, data);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new ElfFormatException(name + ": file is truncated or corrupt");
        }
    }

    private static ElfObject read(String name, byte[] data) throws ElfFormatException {
        if (!isElf(data)) throw new ElfFormatException(name + ": file format not recognized");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data[4] != Elf.ELFCLASS64 || data[5] != Elf.ELFDATA2LSB) {
            throw new ElfFormatException(name + ": not an ELF64 little-endian file");
        }
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (machine != Elf.EM_X86_64) throw new ElfFormatException(name + ": not an x86-64 object (machine " + machine + ")");
        if (type != Elf.ET_REL) throw new ElfFormatException(name + ": not a relocatable object (ELF type " + type + ")");
        long shoff = b.getLong(40);
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        int shstrndx = Short.toUnsignedInt(b.getShort(62));
        if (shnum == 0 && shoff != 0) shnum = (int) b.getLong((int) shoff + 32);
        if (shstrndx == 0xFFFF) shstrndx = b.getInt((int) shoff + 40);

        int[] nameOff = new int[shnum];
        List<Section> sections = new ArrayList<>();
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            raw[i] = new long[] {Integer.toUnsignedLong(b.getInt(h)), Integer.toUnsignedLong(b.getInt(h + 4)), b.getLong(h + 8),
                b.getLong(h + 24), b.getLong(h + 32), Integer.toUnsignedLong(b.getInt(h + 40)),
                Integer.toUnsignedLong(b.getInt(h + 44)), b.getLong(h + 48), b.getLong(h + 56)};
            nameOff[i] = (int) raw[i][0];
        }
        byte[] shstr = shnum == 0 ? new byte[0] : slice(data, raw[shstrndx][3], raw[shstrndx][4]);
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            int stype = (int) r[1];
            byte[] contents = stype == Elf.SHT_NOBITS || stype == Elf.SHT_NULL ? null : slice(data, r[3], r[4]);
            sections.add(new Section(i, cString(shstr, nameOff[i]), stype, r[2], r[4], (int) r[5], (int) r[6],
                    Math.max(1, r[7]), r[8], contents));
        }

        List<Symbol> symbols = new ArrayList<>();
        int firstGlobal = 0;
        for (Section s : sections) {
            if (s.type != Elf.SHT_SYMTAB) continue;
            byte[] strtab = sections.get(s.link).data;
            ByteBuffer sb = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < s.data.length / Elf.SYM_SIZE; i++) {
                int o = i * Elf.SYM_SIZE;
                symbols.add(new Symbol(i, cString(strtab, sb.getInt(o)), Byte.toUnsignedInt(sb.get(o + 4)),
                        Byte.toUnsignedInt(sb.get(o + 5)), Short.toUnsignedInt(sb.getShort(o + 6)), sb.getLong(o + 8),
                        sb.getLong(o + 16)));
            }
            firstGlobal = s.info;
        }
        for (Section s : sections) {
            if (s.type == Elf.SHT_RELA) {
                ByteBuffer rb = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
                Section target = sections.get(s.info);
                for (int i = 0; i < s.data.length / Elf.RELA_SIZE; i++) {
                    int o = i * Elf.RELA_SIZE;
                    long info = rb.getLong(o + 8);
                    target.relocations.add(new Rela(rb.getLong(o), (int) info, (int) (info >>> 32), rb.getLong(o + 16)));
                }
            } else if (s.type == 9 /* SHT_REL */) {
                throw new ElfFormatException(name + ": SHT_REL relocations are not used on x86-64 (" + s.name + ")");
            }
        }
        ElfObject object = new ElfObject(name, sections, symbols, firstGlobal);
        object.validate();
        return object;
    }

    private static final long MAX_ALIGN = 1L << 32, MAX_SIZE = 1L << 40;

    /** Checks the cross-references a linker follows, so a damaged file is reported rather than crashing it. */
    private void validate() throws ElfFormatException {
        int n = sections.size();
        for (Section s : sections) {
            if (s.type == Elf.SHT_NULL) continue;
            if (Long.bitCount(s.align) != 1 || s.align > MAX_ALIGN) throw bad("section " + s.name + " has a bad alignment");
            if (s.size < 0 || s.size > MAX_SIZE) throw bad("section " + s.name + " is too large");
            if ((s.type == Elf.SHT_SYMTAB || s.type == Elf.SHT_RELA) && (s.link <= 0 || s.link >= n)) {
                throw bad("section " + s.name + " links to no section");
            }
            if (s.type == Elf.SHT_SYMTAB && sections.get(s.link).type != Elf.SHT_STRTAB) {
                throw bad("symbol table " + s.name + " has no string table");
            }
            if (s.type == Elf.SHT_RELA && (s.info <= 0 || s.info >= n)) throw bad("section " + s.name + " relocates no section");
            if (s.type == Elf.SHT_GROUP) {
                if (s.info <= 0 || s.info >= symbols.size()) throw bad("group " + s.name + " has no signature symbol");
                ByteBuffer b = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 4; i + 4 <= s.data.length; i += 4) {
                    if (b.getInt(i) <= 0 || b.getInt(i) >= n) throw bad("group " + s.name + " names a missing section");
                }
            }
            for (Rela r : s.relocations) {
                if (r.symbol() < 0 || r.symbol() >= Math.max(1, symbols.size())) {
                    throw bad("relocation in " + s.name + " refers to a missing symbol");
                }
                if (r.offset() < 0 || r.offset() + relocationWidth(r.type()) > s.size) {
                    throw bad("relocation in " + s.name + " at 0x" + Long.toHexString(r.offset()) + " is outside it");
                }
            }
        }
        if (firstGlobal < 0 || firstGlobal > symbols.size()) throw bad("symbol table has a bad first global index");
        for (Symbol sym : symbols) {
            int shndx = sym.shndx();
            if (shndx >= n && shndx < 0xFF00) throw bad("symbol " + sym.name() + " is in a missing section");
            if (shndx == Elf.SHN_COMMON && (Long.bitCount(Math.max(1, sym.value())) != 1 || sym.value() > MAX_ALIGN
                    || sym.size() < 0 || sym.size() > MAX_SIZE)) {
                throw bad("common symbol " + sym.name() + " has a bad size or alignment");
            }
        }
    }

    /** How many bytes a relocation of this type patches. */
    public static int relocationWidth(int type) {
        return switch (type) {
            case Elf.R_X86_64_NONE -> 0;
            case Elf.R_X86_64_64, Elf.R_X86_64_PC64, Elf.R_X86_64_DTPOFF64, Elf.R_X86_64_TPOFF64, 25, 29, 33 -> 8;
            case Elf.R_X86_64_16, Elf.R_X86_64_PC16 -> 2;
            case Elf.R_X86_64_8, Elf.R_X86_64_PC8 -> 1;
            default -> 4;
        };
    }

    private ElfFormatException bad(String what) {
        return new ElfFormatException(name + ": " + what);
    }

    private static byte[] slice(byte[] data, long offset, long size) {
        if (offset < 0 || size < 0 || offset + size > data.length) throw new IndexOutOfBoundsException();
        byte[] out = new byte[(int) size];
        System.arraycopy(data, (int) offset, out, 0, (int) size);
        return out;
    }

    static String cString(byte[] table, int offset) {
        int end = offset;
        while (end < table.length && table[end] != 0) end++;
        return new String(table, offset, end - offset, StandardCharsets.UTF_8);
    }
}
