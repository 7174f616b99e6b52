package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects {@code .file N} / {@code .loc} and builds a {@code .debug_line} program from them (DWARF 5 when there is a
 * {@code .file 0}, else DWARF 3, as gas does), one sequence per code section, so debuggers can map addresses to source
 * lines. Strings are inline (DW_FORM_string).
 */
final class DebugLine {
    private static final int LINE_BASE = -5, LINE_RANGE = 14, OPCODE_BASE = 13;
    private static final int DW_LNS_COPY = 1, DW_LNS_ADVANCE_PC = 2, DW_LNS_ADVANCE_LINE = 3, DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5, DW_LNS_NEGATE_STMT = 6, DW_LNS_SET_PROLOGUE_END = 10;
    private static final int DW_LNE_END_SEQUENCE = 1, DW_LNE_SET_ADDRESS = 2, DW_LNE_SET_DISCRIMINATOR = 4;
    private static final int DW_LNCT_PATH = 1, DW_LNCT_DIRECTORY_INDEX = 2, DW_FORM_STRING = 0x08, DW_FORM_UDATA = 0x0F;

    private final Assembler asm;
    private final TreeMap<Integer, String[]> files = new TreeMap<>();
    private final Map<Section, List<Row>> rows = new LinkedHashMap<>();
    private Row pending;
    /** gas keeps is_stmt from one .loc to the next until changed again. */
    private boolean isStmt = true;

    /** One row of the line table: the address is the label placed before the instruction it describes. */
    private static final class Row {
        Symbol label;
        int file;
        long line;
        long column;
        boolean isStmt = true;
        long discriminator;
        boolean prologueEnd;
        Symbol view;
        boolean resetView;
        Section section;
    }

    DebugLine(Assembler asm) {
        this.asm = asm;
    }

    /** {@code .file N ["dir"] "name" [md5 0x...]}. */
    void file(Parser p) {
        long n = Eval.constant(asm, p.expression());
        if (n < 0 || n > 65535) throw asm.diag.error("file number " + n + " out of range");
        String first = p.string();
        String dir = null;
        String name = first;
        if (p.peek().type() == Token.Type.STRING) {
            dir = first;
            name = p.string();
        }
        while (!p.atEnd()) p.take();
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            // Like gas, keep directories in the directory table and only base names in the file table.
            String nameDir = name.substring(0, slash);
            dir = name.startsWith("/") || dir == null ? nameDir : dir + "/" + nameDir;
            name = name.substring(slash + 1);
        }
        files.put((int) n, new String[] {dir, name});
    }

    /** {@code .loc file line [column] [options]}: describes the next instruction. */
    void loc(Parser p) {
        Row r = new Row();
        r.file = (int) Eval.constant(asm, p.expression());
        r.line = Eval.constant(asm, p.expression());
        if (!p.atEnd() && p.peek().type() == Token.Type.NUMBER) r.column = p.take().value();
        if (!files.containsKey(r.file)) throw asm.diag.error("unassigned file number " + r.file);
        while (!p.atEnd()) {
            String option = p.identifier();
            switch (option) {
                case "is_stmt" -> isStmt = Eval.constant(asm, p.expression()) != 0;
                case "discriminator" -> r.discriminator = Eval.constant(asm, p.expression());
                case "prologue_end" -> r.prologueEnd = true;
                case "view" -> view(p, r);
                case "isa" -> p.expression();
                case "basic_block", "epilogue_begin" -> { }
                default -> throw asm.diag.error("unknown .loc sub-directive `" + option + "'");
            }
        }
        r.isStmt = isStmt;
        r.section = asm.current;
        if (pending != null) place(pending);
        pending = r;
    }

    /** {@code view .LVUn} names this row's view number; {@code view -0} restarts the count. */
    private void view(Parser p, Row r) {
        if (p.peek().type() == Token.Type.IDENT) {
            r.view = asm.symbol(p.identifier());
            if (r.view.defined) throw asm.diag.error("symbol `" + r.view.name + "' is already defined");
            r.view.defined = true;
            r.view.definedLine = asm.diag.line;
        } else {
            r.resetView = Eval.constant(asm, p.expression()) == 0;
        }
    }

    /** Numbers rows sharing an address 0, 1, 2...; the view symbols become those numbers. */
    void assignViews() {
        for (List<Row> list : rows.values()) {
            long address = -1;
            long view = 0;
            for (Row r : list) {
                view = r.label.value == address && !r.resetView ? view + 1 : 0;
                address = r.label.value;
                if (r.view != null) r.view.equated = new Expr.Num(view);
            }
        }
    }

    /** Called as each instruction (or code alignment) starts: a pending .loc row gets the current address. */
    void instruction() {
        if (pending != null) {
            place(pending);
            pending = null;
        }
    }

    /** On a section switch, a .loc with no instruction after it takes the address where its section now ends. */
    void flush() {
        instruction();
    }

    /** At the end of input gas drops a last .loc that describes nothing, unless a view symbol needs its row. */
    void finish() {
        if (pending != null && pending.view == null) pending = null;
        instruction();
    }

    private void place(Row r) {
        r.label = asm.labelAtEnd(r.section);
        rows.computeIfAbsent(r.section, k -> new ArrayList<>()).add(r);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Appends the line program to .debug_line; code sections must already have their final addresses. */
    void generate() {
        if (rows.isEmpty()) return;
        Section section = asm.findSection(".debug_line");
        if (section == null) section = asm.section(".debug_line", Elf.SHT_PROGBITS, 0, 0);
        ByteArrayOutputStream program = new ByteArrayOutputStream();
        List<Fixup> fixups = new ArrayList<>();
        for (Map.Entry<Section, List<Row>> e : rows.entrySet()) sequence(e.getKey(), e.getValue(), program, fixups);
        ByteArrayOutputStream header = header();
        ByteArrayOutputStream unit = new ByteArrayOutputStream();
        boolean v5 = version() == 5;
        Directives.writeLittle(unit, 2 + (v5 ? 2 : 0) + 4 + header.size() + program.size(), 4);
        Directives.writeLittle(unit, version(), 2);
        if (v5) {
            unit.write(8);
            unit.write(0);
        }
        Directives.writeLittle(unit, header.size(), 4);
        int programStart = unit.size() + header.size();
        unit.writeBytes(header.toByteArray());
        unit.writeBytes(program.toByteArray());
        List<Fixup> shifted = new ArrayList<>();
        for (Fixup f : fixups) {
            shifted.add(new Fixup(f.offset() + programStart, f.size(), f.expr(), false, 0, Fixup.Kind.DATA, f.line()));
        }
        Symbol start = asm.labelAtEnd(section);
        section.add(new Item.Bytes(unit.toByteArray(), shifted, asm.diag.line));
        if (asm.findSection(".debug_info") == null) {
            List<Section> code = asm.sections.stream().filter(rows::containsKey).toList();
            String[] first = files.getOrDefault(1, files.firstEntry().getValue());
            String name = first[0] == null ? first[1] : first[0] + "/" + first[1];
            new CompileUnit(asm, code, start, name).generate();
        }
    }

    private ByteArrayOutputStream header() {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(1);
        if (version() == 5) h.write(1); // maximum_operations_per_instruction, new in DWARF 4
        h.write(1);
        h.write(LINE_BASE & 0xFF);
        h.write(LINE_RANGE);
        h.write(OPCODE_BASE);
        h.writeBytes(new byte[] {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});
        if (version() == 3) {
            fileTableVersion3(h);
            return h;
        }
        List<String> dirs = new ArrayList<>();
        String compDir = files.get(0)[0];
        dirs.add(compDir == null ? "" : compDir);
        for (String[] f : files.values()) {
            if (f[0] != null && !dirs.contains(f[0])) dirs.add(f[0]);
        }
        h.write(1);
        Directives.writeLeb128(h, DW_LNCT_PATH, false);
        Directives.writeLeb128(h, DW_FORM_STRING, false);
        Directives.writeLeb128(h, dirs.size(), false);
        for (String d : dirs) cString(h, d);
        h.write(2);
        Directives.writeLeb128(h, DW_LNCT_PATH, false);
        Directives.writeLeb128(h, DW_FORM_STRING, false);
        Directives.writeLeb128(h, DW_LNCT_DIRECTORY_INDEX, false);
        Directives.writeLeb128(h, DW_FORM_UDATA, false);
        int count = files.lastKey() + 1;
        Directives.writeLeb128(h, count, false);
        for (int i = 0; i < count; i++) {
            String[] f = files.getOrDefault(i, new String[] {null, ""});
            cString(h, f[1]);
            Directives.writeLeb128(h, f[0] == null ? 0 : dirs.indexOf(f[0]), false);
        }
        return h;
    }

    /** DWARF 5 (with .file 0, as gcc 12 writes) or, like gas, DWARF 3 for sources numbering files from 1. */
    private int version() {
        return files.containsKey(0) ? 5 : 3;
    }

    /** DWARF 3: include directories and then files, each list ended by an empty entry; directory 0 is implied. */
    private void fileTableVersion3(ByteArrayOutputStream h) {
        List<String> dirs = new ArrayList<>();
        for (String[] f : files.values()) {
            if (f[0] != null && !dirs.contains(f[0])) dirs.add(f[0]);
        }
        for (String d : dirs) cString(h, d);
        h.write(0);
        for (int i = 1; i <= files.lastKey(); i++) {
            String[] f = files.getOrDefault(i, new String[] {null, ""});
            cString(h, f[1]);
            Directives.writeLeb128(h, f[0] == null ? 0 : dirs.indexOf(f[0]) + 1, false);
            h.write(0);
            h.write(0);
        }
        h.write(0);
    }

    private static void cString(ByteArrayOutputStream out, String s) {
        out.writeBytes(Assembler.latin1(s));
        out.write(0);
    }

    private void sequence(Section s, List<Row> list, ByteArrayOutputStream out, List<Fixup> fixups) {
        out.write(0);
        out.write(9);
        out.write(DW_LNE_SET_ADDRESS);
        fixups.add(new Fixup(out.size(), 8, new Expr.Ref(list.get(0).label, null), false, 0, Fixup.Kind.DATA, 0));
        Directives.writeLittle(out, 0, 8);
        long address = list.get(0).label.value;
        long line = 1;
        int file = 1;
        long column = 0;
        boolean isStmt = true;
        for (Row r : list) {
            if (r.file != file) {
                out.write(DW_LNS_SET_FILE);
                Directives.writeLeb128(out, r.file, false);
                file = r.file;
            }
            if (r.column != column) {
                out.write(DW_LNS_SET_COLUMN);
                Directives.writeLeb128(out, r.column, false);
                column = r.column;
            }
            if (r.isStmt != isStmt) {
                out.write(DW_LNS_NEGATE_STMT);
                isStmt = r.isStmt;
            }
            if (r.discriminator != 0) {
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                Directives.writeLeb128(d, r.discriminator, false);
                out.write(0);
                Directives.writeLeb128(out, d.size() + 1, false);
                out.write(DW_LNE_SET_DISCRIMINATOR);
                out.writeBytes(d.toByteArray());
            }
            if (r.prologueEnd) out.write(DW_LNS_SET_PROLOGUE_END);
            advance(out, r.label.value - address, r.line - line);
            address = r.label.value;
            line = r.line;
        }
        if (s.size > address) {
            out.write(DW_LNS_ADVANCE_PC);
            Directives.writeLeb128(out, s.size - address, false);
        }
        out.write(0);
        out.write(1);
        out.write(DW_LNE_END_SEQUENCE);
    }

    /** Emits one row: a special opcode when the deltas allow, else explicit advances and a copy. */
    private static void advance(ByteArrayOutputStream out, long addressDelta, long lineDelta) {
        if (lineDelta < LINE_BASE || lineDelta >= LINE_BASE + LINE_RANGE) {
            out.write(DW_LNS_ADVANCE_LINE);
            Directives.writeLeb128(out, lineDelta, true);
            lineDelta = 0;
        }
        long special = (lineDelta - LINE_BASE) + (long) LINE_RANGE * addressDelta + OPCODE_BASE;
        if (special <= 255) {
            out.write((int) special);
            return;
        }
        out.write(DW_LNS_ADVANCE_PC);
        Directives.writeLeb128(out, addressDelta, false);
        out.write((int) ((lineDelta - LINE_BASE) + OPCODE_BASE));
    }
}
