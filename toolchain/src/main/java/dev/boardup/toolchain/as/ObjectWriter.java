package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the assembled sections, symbol table and relocations as an ELF64 x86-64 ET_REL file. */
final class ObjectWriter {
    private final Assembler asm;
    private final List<Symbol> locals = new ArrayList<>();
    private final List<Symbol> globals = new ArrayList<>();
    private final StringTable strtab = new StringTable();
    private final StringTable shstrtab = new StringTable();

    ObjectWriter(Assembler asm) {
        this.asm = asm;
    }

    /** A string table: NUL-separated names, offset 0 being the empty name. */
    private static final class StringTable {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Map<String, Integer> offsets = new HashMap<>();

        StringTable() {
            bytes.write(0);
        }

        int add(String s) {
            if (s.isEmpty()) return 0;
            return offsets.computeIfAbsent(s, k -> {
                int off = bytes.size();
                bytes.writeBytes(Assembler.latin1(k));
                bytes.write(0);
                return off;
            });
        }
    }

    /** One section header plus its contents. */
    private static final class Out {
        String name;
        int type;
        long flags;
        byte[] data;
        long size;
        int link;
        int info;
        long align;
        long entsize;
        long offset;
    }

    byte[] write() {
        List<Out> outs = new ArrayList<>();
        outs.add(new Out());
        Map<Section, Integer> relaFor = new HashMap<>();
        for (Section s : asm.sections) {
            s.index = outs.size();
            Out o = new Out();
            o.name = s.name;
            o.type = s.type;
            o.flags = s.flags;
            o.data = s.data;
            o.size = s.size;
            o.align = s.alignment;
            o.entsize = s.entsize;
            outs.add(o);
            if (!s.relocations.isEmpty()) {
                relaFor.put(s, outs.size());
                Out r = new Out();
                r.name = ".rela" + s.name;
                r.type = Elf.SHT_RELA;
                r.flags = Elf.SHF_INFO_LINK;
                r.align = 8;
                r.entsize = Elf.RELA_SIZE;
                r.info = s.index;
                outs.add(r);
            }
        }
        int symtabIndex = outs.size();
        collectSymbols();
        // Like gas, an object without symbols has no .symtab or .strtab at all.
        if (!locals.isEmpty() || !globals.isEmpty()) {
            Out symtab = new Out();
            symtab.name = ".symtab";
            symtab.type = Elf.SHT_SYMTAB;
            symtab.align = 8;
            symtab.entsize = Elf.SYM_SIZE;
            symtab.link = symtabIndex + 1;
            symtab.info = locals.size() + 1;
            symtab.data = symbolTable();
            outs.add(symtab);
            for (Map.Entry<Section, Integer> e : relaFor.entrySet()) {
                Out r = outs.get(e.getValue());
                r.link = symtabIndex;
                r.data = relocations(e.getKey());
            }
            Out str = new Out();
            str.name = ".strtab";
            str.type = Elf.SHT_STRTAB;
            str.align = 1;
            str.data = strtab.bytes.toByteArray();
            outs.add(str);
        }
        Out shstr = new Out();
        shstr.name = ".shstrtab";
        shstr.type = Elf.SHT_STRTAB;
        shstr.align = 1;
        outs.add(shstr);
        int[] nameOffsets = new int[outs.size()];
        for (int i = 1; i < outs.size(); i++) nameOffsets[i] = shstrtab.add(outs.get(i).name);
        shstr.data = shstrtab.bytes.toByteArray();
        return image(outs, nameOffsets);
    }

    private byte[] image(List<Out> outs, int[] nameOffsets) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[Elf.EHDR_SIZE]);
        for (int i = 1; i < outs.size(); i++) {
            Out o = outs.get(i);
            if (o.type != Elf.SHT_NOBITS) o.size = o.data == null ? 0 : o.data.length;
            long align = Math.max(o.align, 1);
            while (file.size() % align != 0) file.write(0);
            o.offset = file.size();
            if (o.type != Elf.SHT_NOBITS && o.data != null) file.writeBytes(o.data);
        }
        while (file.size() % 8 != 0) file.write(0);
        long shoff = file.size();
        ByteBuffer sh = ByteBuffer.allocate(outs.size() * Elf.SHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < outs.size(); i++) {
            Out o = outs.get(i);
            if (i == 0) {
                sh.put(new byte[Elf.SHDR_SIZE]);
                continue;
            }
            sh.putInt(nameOffsets[i]).putInt(o.type).putLong(o.flags).putLong(0).putLong(o.offset).putLong(o.size)
                    .putInt(o.link).putInt(o.info).putLong(Math.max(o.align, 1)).putLong(o.entsize);
        }
        file.writeBytes(sh.array());
        byte[] image = file.toByteArray();
        ByteBuffer eh = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        eh.put(new byte[] {0x7F, 'E', 'L', 'F', Elf.ELFCLASS64, Elf.ELFDATA2LSB, Elf.EV_CURRENT, Elf.ELFOSABI_SYSV});
        eh.position(16);
        eh.putShort((short) Elf.ET_REL).putShort((short) Elf.EM_X86_64).putInt(Elf.EV_CURRENT);
        eh.putLong(0).putLong(0).putLong(shoff).putInt(0);
        eh.putShort((short) Elf.EHDR_SIZE).putShort((short) 0).putShort((short) 0);
        eh.putShort((short) Elf.SHDR_SIZE).putShort((short) outs.size()).putShort((short) (outs.size() - 1));
        return image;
    }

    // ---- symbols ----

    private void collectSymbols() {
        if (asm.usesGot) asm.reference("_GLOBAL_OFFSET_TABLE_").usedInReloc = true;
        for (Section section : asm.sections) {
            for (Section.Relocation r : section.relocations) {
                if (r.symbol().order == Long.MAX_VALUE) r.symbol().order = asm.nextOrder++;
            }
        }
        List<Symbol> ordered = new ArrayList<>(asm.symbolOrder);
        ordered.sort(java.util.Comparator.comparingLong(s -> s.order));
        for (Symbol s : ordered) {
            if (s.type == Elf.STT_SECTION) {
                if (s.usedInReloc) locals.add(s);
                continue;
            }
            if (s.isExternal() || s.common) {
                globals.add(s);
            } else if (!s.defined) {
                // Any undefined name the source mentions (even only in .type) is an undefined global, as in gas.
                if (!s.isTemporary()) globals.add(s);
            } else if (!s.isTemporary() || s.usedInReloc) {
                locals.add(s);
            }
        }
        int index = 1 + (asm.sourceFileSymbol != null ? 1 : 0);
        for (Symbol s : locals) s.index = index++;
        for (Symbol s : globals) s.index = index++;
        if (asm.sourceFileSymbol != null) locals.add(0, null);
    }

    private byte[] symbolTable() {
        ByteBuffer b = ByteBuffer.allocate((1 + locals.size() + globals.size()) * Elf.SYM_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[Elf.SYM_SIZE]);
        for (Symbol s : locals) {
            if (s == null) {
                b.putInt(strtab.add(asm.sourceFileSymbol)).put((byte) Elf.stInfo(Elf.STB_LOCAL, Elf.STT_FILE))
                        .put((byte) 0).putShort((short) Elf.SHN_ABS).putLong(0).putLong(0);
            } else {
                symbol(b, s, Elf.STB_LOCAL);
            }
        }
        for (Symbol s : globals) symbol(b, s, s.weak ? Elf.STB_WEAK : Elf.STB_GLOBAL);
        return b.array();
    }

    private void symbol(ByteBuffer b, Symbol s, int bind) {
        long value = s.value;
        int shndx;
        if (s.type == Elf.STT_SECTION) {
            b.putInt(0).put((byte) Elf.stInfo(Elf.STB_LOCAL, Elf.STT_SECTION)).put((byte) 0)
                    .putShort((short) s.section.index).putLong(0).putLong(0);
            return;
        }
        if (s.common) {
            shndx = Elf.SHN_COMMON;
            value = s.commonAlign;
        } else if (s.equated != null) {
            Value v = Eval.evaluate(asm, s.equated, true);
            value = v.constant();
            if (v.plus() == null && v.minus() == null) shndx = Elf.SHN_ABS;
            else if (v.minus() == null && v.plus().isLabel()) {
                shndx = v.plus().section.index;
                value += v.plus().value;
            } else if (v.minus() == null && !v.plus().defined) {
                shndx = Elf.SHN_UNDEF;
            } else throw asm.diag.errorAt(s.definedLine, "can't resolve value for symbol `" + s.name + "'");
        } else if (s.defined) {
            shndx = s.section.index;
        } else {
            shndx = Elf.SHN_UNDEF;
            value = 0;
        }
        long size = 0;
        int type = s.type;
        if (s.size != null) {
            Value v = Eval.evaluate(asm, s.size, true);
            if (!v.isConstant()) throw asm.diag.errorAt(s.definedLine, ".size expression for " + s.name
                    + " does not evaluate to a constant");
            size = v.constant();
        }
        if (shndx > 0 && shndx < Elf.SHN_ABS && s.isLabel() && (s.section.flags & Elf.SHF_TLS) != 0
                && (type == Elf.STT_NOTYPE || type == Elf.STT_OBJECT)) {
            type = Elf.STT_TLS;
        }
        b.putInt(strtab.add(s.name)).put((byte) Elf.stInfo(bind, type)).put((byte) s.visibility)
                .putShort((short) shndx).putLong(value).putLong(size);
    }

    private byte[] relocations(Section s) {
        ByteBuffer b = ByteBuffer.allocate(s.relocations.size() * Elf.RELA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Section.Relocation r : s.relocations) {
            b.putLong(r.offset()).putLong(Elf.rInfo(r.symbol().index, r.type())).putLong(r.addend());
        }
        return b.array();
    }
}
