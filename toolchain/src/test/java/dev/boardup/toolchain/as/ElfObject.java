package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal ELF64 relocatable-object reader for comparing our output with GNU as's. */
final class ElfObject {
    record SectionHeader(String name, int type, long flags, long offset, long size, int link, int info, long align,
            long entsize) {}

    record Sym(String name, long value, long size, int bind, int type, int visibility, String section) {}

    record Reloc(long offset, int type, String symbol, long addend) {}

    final List<SectionHeader> sections = new ArrayList<>();
    final List<Sym> symbols = new ArrayList<>();
    int firstGlobal;
    final Map<String, List<Reloc>> relocations = new LinkedHashMap<>();
    private final ByteBuffer buf;

    ElfObject(byte[] image) {
        buf = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < 64 || buf.getInt(0) != 0x464C457F) throw new IllegalArgumentException("not ELF");
        if (buf.getShort(16) != Elf.ET_REL || buf.getShort(18) != Elf.EM_X86_64) {
            throw new IllegalArgumentException("not an x86-64 relocatable object");
        }
        long shoff = buf.getLong(40);
        int shnum = buf.getShort(60) & 0xFFFF;
        int shstrndx = buf.getShort(62) & 0xFFFF;
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * Elf.SHDR_SIZE);
            raw.add(new long[] {buf.getInt(at) & 0xFFFFFFFFL, buf.getInt(at + 4), buf.getLong(at + 8),
                buf.getLong(at + 24), buf.getLong(at + 32), buf.getInt(at + 40), buf.getInt(at + 44),
                buf.getLong(at + 48), buf.getLong(at + 56)});
        }
        long strOff = raw.get(shstrndx)[3];
        for (long[] r : raw) {
            sections.add(new SectionHeader(string(strOff + r[0]), (int) r[1], r[2], r[3], r[4], (int) r[5],
                    (int) r[6], r[7], r[8]));
        }
        for (SectionHeader s : sections) {
            if (s.type() == Elf.SHT_SYMTAB) readSymbols(s);
        }
        for (SectionHeader s : sections) {
            if (s.type() == Elf.SHT_RELA) readRelocations(s);
        }
    }

    private String string(long at) {
        int end = (int) at;
        while (buf.get(end) != 0) end++;
        return new String(buf.array(), (int) at, end - (int) at, StandardCharsets.ISO_8859_1);
    }

    private void readSymbols(SectionHeader symtab) {
        long strOff = sections.get(symtab.link()).offset();
        firstGlobal = symtab.info();
        for (long at = symtab.offset(); at < symtab.offset() + symtab.size(); at += Elf.SYM_SIZE) {
            int name = buf.getInt((int) at);
            int info = buf.get((int) at + 4) & 0xFF;
            int other = buf.get((int) at + 5) & 0xFF;
            int shndx = buf.getShort((int) at + 6) & 0xFFFF;
            String section = switch (shndx) {
                case Elf.SHN_UNDEF -> "UND";
                case Elf.SHN_ABS -> "ABS";
                case Elf.SHN_COMMON -> "COM";
                default -> sections.get(shndx).name();
            };
            String symName = Elf.stType(info) == Elf.STT_SECTION ? section : string(strOff + name);
            symbols.add(new Sym(symName, buf.getLong((int) at + 8), buf.getLong((int) at + 16), Elf.stBind(info),
                    Elf.stType(info), other & 3, section));
        }
    }

    private void readRelocations(SectionHeader rela) {
        List<Reloc> list = new ArrayList<>();
        for (long at = rela.offset(); at < rela.offset() + rela.size(); at += Elf.RELA_SIZE) {
            long info = buf.getLong((int) at + 8);
            list.add(new Reloc(buf.getLong((int) at), (int) info, symbols.get((int) (info >>> 32)).name(),
                    buf.getLong((int) at + 16)));
        }
        relocations.put(sections.get(rela.info()).name(), list);
    }

    SectionHeader section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    byte[] contents(SectionHeader s) {
        byte[] out = new byte[s.type() == Elf.SHT_NOBITS ? 0 : (int) s.size()];
        buf.get((int) s.offset(), out);
        return out;
    }
}
