package dev.boardup.toolchain.ld;

import dev.boardup.toolchain.elf.Elf;
import dev.boardup.toolchain.ld.Linker.OutputSectionView;
import dev.boardup.toolchain.ld.Linker.OutputSymbol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the laid-out executable: ELF header, program headers, section contents, .symtab, section headers. */
final class ExecutableWriter {
    private final Linker linker;
    private final Linker.Layout layout;

    ExecutableWriter(Linker linker, Linker.Layout layout) {
        this.linker = linker;
        this.layout = layout;
    }

    /** A string table being built: names to offsets, each stored once. */
    private static final class StringTable {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Map<String, Integer> offsets = new HashMap<>();

        StringTable() {
            bytes.write(0);
            offsets.put("", 0);
        }

        int add(String s) {
            return offsets.computeIfAbsent(s, k -> {
                int at = bytes.size();
                bytes.writeBytes(k.getBytes(StandardCharsets.UTF_8));
                bytes.write(0);
                return at;
            });
        }
    }

    /** A section header to write, with where its contents go. */
    private record Header(String name, int type, long flags, long addr, long offset, long size, int link, int info,
            long align, long entsize, byte[] data) {}

    byte[] write() {
        List<OutputSectionView> sections = new ArrayList<>();
        for (OutputSectionView s : linker.outputSections()) if (s.size() > 0 || s.name().equals(".bss")) sections.add(s);
        Map<String, Integer> sectionIndex = new HashMap<>();
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("", 0, 0, 0, 0, 0, 0, 0, 0, 0, null));
        long off = layout.fileEnd;
        for (OutputSectionView s : sections) {
            boolean alloc = (s.flags() & Elf.SHF_ALLOC) != 0;
            long offset = s.fileOffset();
            if (!alloc) {
                off = Linker.alignUp(off, s.align());
                offset = off;
                off += s.size();
            }
            sectionIndex.put(s.name(), headers.size());
            headers.add(new Header(s.name(), s.type(), s.flags(), alloc ? s.addr() : 0, offset, s.size(), 0, 0,
                    s.align(), s.entsize(), s.data()));
        }

        StringTable strtab = new StringTable();
        List<OutputSymbol> symbols = linker.outputSymbols();
        ByteBuffer symtab = ByteBuffer.allocate((symbols.size() + 1) * Elf.SYM_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        symtab.position(Elf.SYM_SIZE);
        int locals = 1;
        for (OutputSymbol s : symbols) {
            if (Elf.stBind(s.info()) == Elf.STB_LOCAL) locals++;
            int shndx = s.section() == null ? Elf.SHN_UNDEF
                    : s.section().equals("*ABS*") ? Elf.SHN_ABS : sectionIndex.getOrDefault(s.section(), Elf.SHN_ABS);
            symtab.putInt(strtab.add(s.name())).put((byte) s.info()).put((byte) 0).putShort((short) shndx)
                    .putLong(s.value()).putLong(s.size());
        }
        int symtabIndex = headers.size();
        off = Linker.alignUp(off, 8);
        byte[] symtabBytes = symtab.array();
        headers.add(new Header(".symtab", Elf.SHT_SYMTAB, 0, 0, off, symtabBytes.length, symtabIndex + 1, locals, 8,
                Elf.SYM_SIZE, symtabBytes));
        off += symtabBytes.length;
        byte[] strtabBytes = strtab.bytes.toByteArray();
        headers.add(new Header(".strtab", Elf.SHT_STRTAB, 0, 0, off, strtabBytes.length, 0, 0, 1, 0, strtabBytes));
        off += strtabBytes.length;

        StringTable shstrtab = new StringTable();
        for (Header h : headers) shstrtab.add(h.name());
        shstrtab.add(".shstrtab");
        byte[] shstrBytes = shstrtab.bytes.toByteArray();
        int shstrIndex = headers.size();
        headers.add(new Header(".shstrtab", Elf.SHT_STRTAB, 0, 0, off, shstrBytes.length, 0, 0, 1, 0, shstrBytes));
        off += shstrBytes.length;
        long shoff = Linker.alignUp(off, 8);
        long fileSize = shoff + (long) headers.size() * Elf.SHDR_SIZE;

        ByteBuffer out = ByteBuffer.allocate((int) fileSize).order(ByteOrder.LITTLE_ENDIAN);
        writeElfHeader(out, shoff, headers.size(), shstrIndex);
        writeProgramHeaders(out);
        for (Header h : headers) {
            if (h.data() != null && h.type() != Elf.SHT_NOBITS) out.put((int) h.offset(), h.data());
        }
        out.position((int) shoff);
        for (Header h : headers) {
            out.putInt(shstrtab.add(h.name())).putInt(h.type()).putLong(h.flags()).putLong(h.addr()).putLong(h.offset())
                    .putLong(h.size()).putInt(h.link()).putInt(h.info()).putLong(h.align()).putLong(h.entsize());
        }
        return out.array();
    }

    private void writeElfHeader(ByteBuffer out, long shoff, int shnum, int shstrndx) {
        out.put(new byte[] {0x7F, 'E', 'L', 'F', Elf.ELFCLASS64, Elf.ELFDATA2LSB, Elf.EV_CURRENT, Elf.ELFOSABI_SYSV});
        out.position(16);
        out.putShort((short) Elf.ET_EXEC).putShort((short) Elf.EM_X86_64).putInt(Elf.EV_CURRENT);
        out.putLong(layout.entry).putLong(Elf.EHDR_SIZE).putLong(shoff).putInt(0);
        int phnum = layout.loads.size() + 1 + (layout.tls != null ? 1 : 0);
        out.putShort((short) Elf.EHDR_SIZE).putShort((short) Elf.PHDR_SIZE).putShort((short) phnum);
        out.putShort((short) Elf.SHDR_SIZE).putShort((short) shnum).putShort((short) shstrndx);
    }

    private void writeProgramHeaders(ByteBuffer out) {
        out.position(Elf.EHDR_SIZE);
        for (Linker.Segment seg : layout.loads) writeProgramHeader(out, seg);
        if (layout.tls != null) writeProgramHeader(out, layout.tls);
        writeProgramHeader(out, new Linker.Segment(Elf.PT_GNU_STACK, Elf.PF_R | Elf.PF_W, 0, 0, 0, 0, 16));
    }

    private static void writeProgramHeader(ByteBuffer out, Linker.Segment s) {
        out.putInt(s.type()).putInt(s.flags()).putLong(s.offset()).putLong(s.vaddr()).putLong(s.vaddr())
                .putLong(s.filesz()).putLong(s.memsz()).putLong(s.align());
    }
}
