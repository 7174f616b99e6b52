package dev.boardup.toolchain.cc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DWARF 4 {@code .debug_info}/{@code .debug_abbrev} of one translation unit under {@code -g}, written as assembly
 * directives the way gcc does: a compile unit pointing at the line table, a subprogram per function with its address
 * range and an %rbp frame base, and its scalar parameters with {@code DW_OP_fbreg} locations.
 */
final class DebugInfo {
    private static final int DW_TAG_COMPILE_UNIT = 0x11, DW_TAG_SUBPROGRAM = 0x2e, DW_TAG_FORMAL_PARAMETER = 0x05;
    private static final int DW_TAG_BASE_TYPE = 0x24, DW_TAG_POINTER_TYPE = 0x0f;
    private static final int DW_AT_NAME = 0x03, DW_AT_PRODUCER = 0x25, DW_AT_LANGUAGE = 0x13, DW_AT_COMP_DIR = 0x1b;
    private static final int DW_AT_LOW_PC = 0x11, DW_AT_HIGH_PC = 0x12, DW_AT_STMT_LIST = 0x10, DW_AT_EXTERNAL = 0x3f;
    private static final int DW_AT_DECL_FILE = 0x3a, DW_AT_DECL_LINE = 0x3b, DW_AT_FRAME_BASE = 0x40, DW_AT_TYPE = 0x49;
    private static final int DW_AT_LOCATION = 0x02, DW_AT_BYTE_SIZE = 0x0b, DW_AT_ENCODING = 0x3e;
    private static final int DW_FORM_ADDR = 0x01, DW_FORM_DATA1 = 0x0b, DW_FORM_DATA8 = 0x07, DW_FORM_STRING = 0x08;
    private static final int DW_FORM_UDATA = 0x0f, DW_FORM_SEC_OFFSET = 0x17, DW_FORM_FLAG = 0x0c, DW_FORM_REF4 = 0x13;
    private static final int DW_FORM_EXPRLOC = 0x18;
    private static final int DW_ATE_BOOLEAN = 0x02, DW_ATE_FLOAT = 0x04, DW_ATE_SIGNED = 0x05, DW_ATE_SIGNED_CHAR = 0x06;
    private static final int DW_ATE_UNSIGNED = 0x08, DW_ATE_UNSIGNED_CHAR = 0x08;
    private static final int DW_OP_BREG6 = 0x76, DW_OP_FBREG = 0x91, DW_LANG_C99 = 0x0c;
    private static final int ABBREV_CU = 1, ABBREV_SUBPROGRAM = 2, ABBREV_PARAM = 3, ABBREV_BASE = 4, ABBREV_PTR = 5;
    private static final int ABBREV_PTR_TO = 6, ABBREV_TYPED_SUBPROGRAM = 7;

    /** A function as the debugger sees it: where it is declared and where its code starts and ends. */
    record Function(String symbol, String name, Type returnTy, int file, int line, boolean external, String endLabel,
                    List<Param> params) { }

    /** A parameter living at {@code offset}(%rbp). */
    record Param(String name, Type ty, int offset) { }

    private final StringBuilder out = new StringBuilder();
    private final List<Function> functions = new ArrayList<>();
    /** Type DIEs by their spelling, emitted after the subprograms and referenced by label. */
    private final Map<String, Type> types = new LinkedHashMap<>();
    private final List<String> typeNames = new ArrayList<>();

    void add(Function fn) {
        functions.add(fn);
    }

    /** Appends the two sections; {@code .Ltext0}/{@code .Letext0} must bound the unit's code. */
    String generate(String fileName, String compDir) {
        emitAbbrevs();
        line("  .section .debug_info,\"\",@progbits");
        line(".Ldebug_info0:");
        line("  .long .Ldebug_info_end0-.Ldebug_info_start0");
        line(".Ldebug_info_start0:");
        line("  .value 4");
        line("  .long .Ldebug_abbrev0");
        line("  .byte 8");
        uleb(ABBREV_CU);
        string("boardup cc");
        line("  .byte " + DW_LANG_C99);
        string(fileName);
        string(compDir);
        line("  .quad .Ltext0");
        line("  .quad .Letext0-.Ltext0");
        line("  .long .Ldebug_line0");
        for (Function fn : functions) emitSubprogram(fn);
        // emitting a pointer may register its pointee, so walk by index until no new type appears
        for (int i = 0; i < typeNames.size(); i++) emitType(typeNames.get(i), types.get(typeNames.get(i)));
        line("  .byte 0");
        line(".Ldebug_info_end0:");
        line("  .section .debug_line,\"\",@progbits");
        line(".Ldebug_line0:");
        return out.toString();
    }

    private void emitSubprogram(Function fn) {
        String returnRef = typeRef(fn.returnTy());
        uleb(returnRef == null ? ABBREV_SUBPROGRAM : ABBREV_TYPED_SUBPROGRAM);
        line("  .byte " + (fn.external() ? 1 : 0));
        string(fn.name());
        uleb(fn.file());
        uleb(fn.line());
        if (returnRef != null) line("  .long " + returnRef + "-.Ldebug_info0");
        line("  .quad " + fn.symbol());
        line("  .quad " + fn.endLabel() + "-" + fn.symbol());
        line("  .uleb128 2");
        line("  .byte " + DW_OP_BREG6 + ", 0");
        for (Param p : fn.params()) {
            String ref = typeRef(p.ty());
            if (ref == null) continue;
            uleb(ABBREV_PARAM);
            string(p.name());
            line("  .long " + ref + "-.Ldebug_info0");
            byte[] sleb = sleb(p.offset());
            line("  .uleb128 " + (1 + sleb.length));
            StringBuilder expr = new StringBuilder("  .byte " + DW_OP_FBREG);
            for (byte b : sleb) expr.append(", ").append(b & 0xff);
            line(expr.toString());
        }
        line("  .byte 0");
    }

    /** The label of {@code ty}'s DIE, or null for types the unit does not describe (aggregates, functions). */
    private String typeRef(Type ty) {
        String key = spelling(ty);
        if (key == null) return null;
        if (types.putIfAbsent(key, ty) == null) typeNames.add(key);
        return label(key);
    }

    private static String spelling(Type ty) {
        return switch (ty.kind) {
            case BOOL -> "_Bool";
            case CHAR, SHORT, INT, LONG -> (ty.isUnsigned ? "unsigned " : "") + ty.kind.name().toLowerCase();
            case ENUM -> ty.isUnsigned ? "unsigned int" : "int";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case LDOUBLE -> "long double";
            case PTR -> {
                String base = ty.base == null ? null : spelling(ty.base);
                yield base == null ? "void *" : base + " *";
            }
            default -> null;
        };
    }

    private String label(String spelling) {
        return ".Ldebug_type" + typeNames.indexOf(spelling);
    }

    private void emitType(String spelling, Type ty) {
        line(label(spelling) + ":");
        if (ty.kind == Type.Kind.PTR) {
            String base = ty.base == null ? null : typeRef(ty.base);
            uleb(base == null ? ABBREV_PTR : ABBREV_PTR_TO);
            line("  .byte 8");
            if (base != null) line("  .long " + base + "-.Ldebug_info0");
            return;
        }
        uleb(ABBREV_BASE);
        line("  .byte " + ty.size);
        line("  .byte " + encoding(ty));
        string(spelling);
    }

    private static int encoding(Type ty) {
        return switch (ty.kind) {
            case BOOL -> DW_ATE_BOOLEAN;
            case CHAR -> ty.isUnsigned ? DW_ATE_UNSIGNED_CHAR : DW_ATE_SIGNED_CHAR;
            case FLOAT, DOUBLE, LDOUBLE -> DW_ATE_FLOAT;
            default -> ty.isUnsigned ? DW_ATE_UNSIGNED : DW_ATE_SIGNED;
        };
    }

    private void emitAbbrevs() {
        line("  .section .debug_abbrev,\"\",@progbits");
        line(".Ldebug_abbrev0:");
        abbrev(ABBREV_CU, DW_TAG_COMPILE_UNIT, true, DW_AT_PRODUCER, DW_FORM_STRING, DW_AT_LANGUAGE, DW_FORM_DATA1,
                DW_AT_NAME, DW_FORM_STRING, DW_AT_COMP_DIR, DW_FORM_STRING, DW_AT_LOW_PC, DW_FORM_ADDR,
                DW_AT_HIGH_PC, DW_FORM_DATA8, DW_AT_STMT_LIST, DW_FORM_SEC_OFFSET);
        abbrev(ABBREV_SUBPROGRAM, DW_TAG_SUBPROGRAM, true, DW_AT_EXTERNAL, DW_FORM_FLAG, DW_AT_NAME, DW_FORM_STRING,
                DW_AT_DECL_FILE, DW_FORM_UDATA, DW_AT_DECL_LINE, DW_FORM_UDATA, DW_AT_LOW_PC, DW_FORM_ADDR,
                DW_AT_HIGH_PC, DW_FORM_DATA8, DW_AT_FRAME_BASE, DW_FORM_EXPRLOC);
        abbrev(ABBREV_TYPED_SUBPROGRAM, DW_TAG_SUBPROGRAM, true, DW_AT_EXTERNAL, DW_FORM_FLAG, DW_AT_NAME,
                DW_FORM_STRING, DW_AT_DECL_FILE, DW_FORM_UDATA, DW_AT_DECL_LINE, DW_FORM_UDATA, DW_AT_TYPE, DW_FORM_REF4,
                DW_AT_LOW_PC, DW_FORM_ADDR, DW_AT_HIGH_PC, DW_FORM_DATA8, DW_AT_FRAME_BASE, DW_FORM_EXPRLOC);
        abbrev(ABBREV_PARAM, DW_TAG_FORMAL_PARAMETER, false, DW_AT_NAME, DW_FORM_STRING, DW_AT_TYPE, DW_FORM_REF4,
                DW_AT_LOCATION, DW_FORM_EXPRLOC);
        abbrev(ABBREV_BASE, DW_TAG_BASE_TYPE, false, DW_AT_BYTE_SIZE, DW_FORM_DATA1, DW_AT_ENCODING, DW_FORM_DATA1,
                DW_AT_NAME, DW_FORM_STRING);
        abbrev(ABBREV_PTR, DW_TAG_POINTER_TYPE, false, DW_AT_BYTE_SIZE, DW_FORM_DATA1);
        abbrev(ABBREV_PTR_TO, DW_TAG_POINTER_TYPE, false, DW_AT_BYTE_SIZE, DW_FORM_DATA1, DW_AT_TYPE, DW_FORM_REF4);
        line("  .byte 0");
    }

    private void abbrev(int code, int tag, boolean children, int... attributeForms) {
        uleb(code);
        uleb(tag);
        line("  .byte " + (children ? 1 : 0));
        for (int v : attributeForms) uleb(v);
        line("  .byte 0, 0");
    }

    private void uleb(long v) {
        line("  .uleb128 " + v);
    }

    private void string(String s) {
        StringBuilder sb = new StringBuilder("  .string \"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        line(sb.append('"').toString());
    }

    private static byte[] sleb(long v) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
            int bits = (int) (v & 0x7f);
            v >>= 7;
            boolean done = v == 0 && (bits & 0x40) == 0 || v == -1 && (bits & 0x40) != 0;
            b.write(done ? bits : bits | 0x80);
            if (done) return b.toByteArray();
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
