package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The minimal DWARF compile unit gas adds when a source has .loc lines but no .debug_info of its own (hand-written
 * assembly, or a compiler that only emits line info): debuggers find line tables through compile units.
 */
final class CompileUnit {
    private static final int DW_TAG_COMPILE_UNIT = 0x11, DW_AT_STMT_LIST = 0x10, DW_AT_LOW_PC = 0x11;
    private static final int DW_AT_HIGH_PC = 0x12, DW_AT_RANGES = 0x55, DW_AT_NAME = 0x03, DW_AT_COMP_DIR = 0x1B;
    private static final int DW_AT_PRODUCER = 0x25, DW_AT_LANGUAGE = 0x13, DW_FORM_ADDR = 0x01, DW_FORM_DATA2 = 0x05;
    private static final int DW_FORM_DATA4 = 0x06, DW_FORM_STRP = 0x0E, DW_LANG_MIPS_ASSEMBLER = 0x8001;

    private final Assembler asm;
    private final List<Section> code;
    private final Symbol lineTable;
    private final String name;

    CompileUnit(Assembler asm, List<Section> code, Symbol lineTable, String name) {
        this.asm = asm;
        this.code = code;
        this.lineTable = lineTable;
        this.name = name;
    }

    /** Bytes with the fixups that point into other sections. */
    private static final class Blob {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Fixup> fixups = new ArrayList<>();

        void bytes(int... values) {
            for (int v : values) bytes.write(v);
        }

        void number(long value, int size) {
            Directives.writeLittle(bytes, value, size);
        }

        void pointer(Expr e, int size) {
            fixups.add(new Fixup(bytes.size(), size, e, false, 0, Fixup.Kind.DATA, 0));
            number(0, size);
        }
    }

    private static Expr at(Symbol s, long offset) {
        Expr ref = new Expr.Ref(s, null);
        return offset == 0 ? ref : new Expr.Binary("+", ref, new Expr.Num(offset));
    }

    void generate() {
        boolean oneSection = code.size() == 1;
        Section info = section(".debug_info", 0, 0);
        Section abbrev = section(".debug_abbrev", 0, 0);
        Section aranges = section(".debug_aranges", 0, 0);
        aranges.alignment = 16;
        Section str = section(".debug_str", Elf.SHF_MERGE | Elf.SHF_STRINGS, 1);
        Section ranges = oneSection ? null : section(".debug_ranges", 0, 0);
        if (ranges != null) ranges.alignment = 16;

        String compDir = System.getProperty("user.dir", "");
        Blob strings = new Blob();
        strings.bytes.writeBytes(Assembler.latin1(name + "\0" + compDir + "\0boardup as\0"));
        add(str, strings);

        Blob a = new Blob();
        a.bytes(1, DW_TAG_COMPILE_UNIT, 0, DW_AT_STMT_LIST, DW_FORM_DATA4);
        if (oneSection) a.bytes(DW_AT_LOW_PC, DW_FORM_ADDR, DW_AT_HIGH_PC, DW_FORM_ADDR);
        else a.bytes(DW_AT_RANGES, DW_FORM_DATA4);
        a.bytes(DW_AT_NAME, DW_FORM_STRP, DW_AT_COMP_DIR, DW_FORM_STRP, DW_AT_PRODUCER, DW_FORM_STRP);
        a.bytes(DW_AT_LANGUAGE, DW_FORM_DATA2, 0, 0, 0);
        add(abbrev, a);

        Blob u = new Blob();
        int bodySize = 2 + 4 + 1 + 1 + 4 + (oneSection ? 16 : 4) + 12 + 2;
        u.number(bodySize, 4);
        u.number(3, 2);
        u.pointer(at(abbrev.symbol, 0), 4);
        u.bytes(8, 1);
        u.pointer(at(lineTable, 0), 4);
        if (oneSection) {
            Section s = code.get(0);
            u.pointer(at(s.symbol, 0), 8);
            u.pointer(at(s.symbol, s.size), 8);
        } else {
            u.pointer(at(ranges.symbol, 0), 4);
        }
        u.pointer(at(str.symbol, 0), 4);
        u.pointer(at(str.symbol, name.length() + 1), 4);
        u.pointer(at(str.symbol, name.length() + 1 + compDir.length() + 1), 4);
        u.number(DW_LANG_MIPS_ASSEMBLER, 2);
        add(info, u);

        Blob ar = new Blob();
        ar.number(2 + 4 + 1 + 1 + 4 + 16L * code.size() + 16, 4);
        ar.number(2, 2);
        ar.pointer(at(info.symbol, 0), 4);
        ar.bytes(8, 0, 0, 0, 0, 0);
        for (Section s : code) {
            ar.pointer(at(s.symbol, 0), 8);
            ar.number(s.size, 8);
        }
        ar.number(0, 16);
        add(aranges, ar);

        if (ranges != null) {
            Blob r = new Blob();
            r.number(-1, 8);
            r.number(0, 8);
            for (Section s : code) {
                r.pointer(at(s.symbol, 0), 8);
                r.pointer(at(s.symbol, s.size), 8);
            }
            r.number(0, 16);
            add(ranges, r);
        }
    }

    private Section section(String sectionName, long flags, long entsize) {
        return asm.section(sectionName, Elf.SHT_PROGBITS, flags, entsize);
    }

    private void add(Section s, Blob b) {
        s.add(new Item.Bytes(b.bytes.toByteArray(), b.fixups, asm.diag.line));
    }
}
