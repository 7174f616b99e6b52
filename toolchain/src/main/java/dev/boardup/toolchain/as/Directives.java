package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The assembler directives gcc emits (and those hand-written libc code uses). */
final class Directives {
    private final Assembler asm;
    private static final long MAX_ALIGNMENT = 1 << 20, MAX_FILL = 1 << 26;
    private Parser p;

    private Directives(Assembler asm) {
        this.asm = asm;
    }

    static void run(Assembler asm, String name, String rest) {
        if (name.startsWith(".cfi_")) return;
        new Directives(asm).dispatch(name, rest);
    }

    private void dispatch(String name, String rest) {
        if (name.equals(".section") || name.equals(".pushsection")) {
            rawSectionName(rest);
        } else {
            p = new Parser(rest, asm, asm.diag);
        }
        switch (name) {
            case ".text" -> section(".text");
            case ".data" -> section(".data");
            case ".bss" -> section(".bss");
            case ".section" -> asm.switchTo(sectionOperands());
            case ".pushsection" -> asm.pushSection(sectionOperands());
            case ".popsection" -> asm.popSection();
            case ".previous" -> asm.swapPrevious();
            case ".globl", ".global" -> names(s -> s.global = true);
            case ".weak" -> names(s -> s.weak = true);
            case ".local" -> names(s -> s.explicitLocal = true);
            case ".hidden", ".internal", ".protected" -> names(s -> s.visibility = visibility(name));
            case ".byte" -> data(1);
            case ".short", ".value", ".word", ".hword", ".2byte" -> data(2);
            case ".long", ".int", ".4byte" -> data(4);
            case ".quad", ".8byte" -> data(8);
            case ".ascii" -> strings(false);
            case ".asciz", ".string" -> strings(true);
            case ".zero" -> zero();
            case ".skip", ".space" -> skip();
            case ".fill" -> fill();
            case ".align", ".balign" -> align(false);
            case ".p2align" -> align(true);
            case ".comm" -> comm(false);
            case ".lcomm" -> comm(true);
            case ".type" -> type();
            case ".size" -> size();
            case ".set", ".equ", ".equiv" -> set(name);
            case ".ident" -> ident();
            case ".file" -> file();
            case ".loc" -> asm.debugLine.loc(p);
            case ".uleb128" -> leb128(false);
            case ".sleb128" -> leb128(true);
            case ".float", ".single" -> floats(4);
            case ".double" -> floats(8);
            case ".code64", ".att_syntax" -> { }
            default -> throw asm.diag.error("unknown pseudo-op: `" + name + "'");
        }
    }

    // ---- sections ----

    private void section(String name) {
        if (!p.atEnd()) {
            long subsection = Eval.constant(asm, p.expression());
            if (subsection != 0) throw asm.diag.error("subsections are not supported");
        }
        p.expectEnd();
        asm.switchTo(asm.findSection(name));
    }

    private Section sectionOperands() {
        String name = sectionName();
        Section existing = asm.findSection(name);
        long flags = defaultFlags(name);
        int type = defaultType(name);
        long entsize = 0;
        boolean explicitFlags = false;
        if (p.accept(",")) {
            flags = flags(p.string());
            explicitFlags = true;
            if (p.accept(",")) {
                type = sectionType();
                if (p.accept(",")) entsize = Eval.constant(asm, p.expression());
            }
        }
        p.expectEnd();
        if ((flags & Elf.SHF_GROUP) != 0) throw asm.diag.error("section groups (flag G) are not supported");
        if ((flags & Elf.SHF_MERGE) != 0 && entsize == 0) {
            throw asm.diag.error("entity size for SHF_MERGE not specified");
        }
        if (existing != null) {
            if (explicitFlags && existing.flags != flags && !name.equals(".note.GNU-stack")) {
                throw asm.diag.error("changed section attributes for " + name);
            }
            return existing;
        }
        boolean pointerArray = type == Elf.SHT_INIT_ARRAY || type == Elf.SHT_FINI_ARRAY || type == Elf.SHT_PREINIT_ARRAY;
        return asm.section(name, type, flags, entsize == 0 && pointerArray ? 8 : entsize);
    }

    private String sectionName;

    /** Section names may hold characters expressions may not (.note.GNU-stack), so they are split off raw. */
    private void rawSectionName(String text) {
        String name;
        int end;
        if (text.startsWith("\"")) {
            end = text.indexOf('"', 1);
            if (end < 0) throw asm.diag.error("missing end quote");
            name = text.substring(1, end);
            end++;
        } else {
            end = 0;
            while (end < text.length() && text.charAt(end) != ',' && !Character.isWhitespace(text.charAt(end))) end++;
            name = text.substring(0, end);
        }
        if (name.isEmpty()) throw asm.diag.error("expected section name");
        sectionName = name;
        p = new Parser(text.substring(end), asm, asm.diag);
    }

    private String sectionName() {
        return sectionName;
    }

    private static long defaultFlags(String name) {
        if (name.equals(".text") || name.startsWith(".text.") || name.startsWith(".init") && !name.startsWith(".init_array")
                || name.startsWith(".fini") && !name.startsWith(".fini_array")) {
            return Elf.SHF_ALLOC | Elf.SHF_EXECINSTR;
        }
        if (name.startsWith(".tdata") || name.startsWith(".tbss")) return Elf.SHF_ALLOC | Elf.SHF_WRITE | Elf.SHF_TLS;
        if (name.startsWith(".data") || name.startsWith(".bss") || name.startsWith(".init_array")
                || name.startsWith(".fini_array") || name.startsWith(".preinit_array")) {
            return Elf.SHF_ALLOC | Elf.SHF_WRITE;
        }
        if (name.startsWith(".rodata") || name.startsWith(".note.") && !name.equals(".note.GNU-stack")) {
            return Elf.SHF_ALLOC;
        }
        return 0;
    }

    private static int defaultType(String name) {
        if (name.startsWith(".bss") || name.startsWith(".tbss")) return Elf.SHT_NOBITS;
        if (name.startsWith(".init_array")) return Elf.SHT_INIT_ARRAY;
        if (name.startsWith(".fini_array")) return Elf.SHT_FINI_ARRAY;
        if (name.startsWith(".preinit_array")) return Elf.SHT_PREINIT_ARRAY;
        if (name.startsWith(".note") && !name.equals(".note.GNU-stack")) return Elf.SHT_NOTE;
        return Elf.SHT_PROGBITS;
    }

    private long flags(String text) {
        long f = 0;
        for (char c : text.toCharArray()) {
            f |= switch (c) {
                case 'a' -> Elf.SHF_ALLOC;
                case 'w' -> Elf.SHF_WRITE;
                case 'x' -> Elf.SHF_EXECINSTR;
                case 'M' -> Elf.SHF_MERGE;
                case 'S' -> Elf.SHF_STRINGS;
                case 'T' -> Elf.SHF_TLS;
                case 'G' -> Elf.SHF_GROUP;
                default -> throw asm.diag.error("unknown section attribute '" + c + "'");
            };
        }
        return f;
    }

    private int sectionType() {
        Token t = p.take();
        String name = t.text();
        if (t.is("@") || t.is("%")) name = p.identifier();
        else if (name.startsWith("@")) name = name.substring(1);
        return switch (name) {
            case "progbits" -> Elf.SHT_PROGBITS;
            case "nobits" -> Elf.SHT_NOBITS;
            case "note" -> Elf.SHT_NOTE;
            case "init_array" -> Elf.SHT_INIT_ARRAY;
            case "fini_array" -> Elf.SHT_FINI_ARRAY;
            case "preinit_array" -> Elf.SHT_PREINIT_ARRAY;
            default -> throw asm.diag.error("unrecognized section type `" + name + "'");
        };
    }

    // ---- symbols ----

    private void names(java.util.function.Consumer<Symbol> action) {
        do {
            action.accept(asm.symbol(p.identifier()));
        } while (p.accept(","));
        p.expectEnd();
    }

    private static int visibility(String directive) {
        return switch (directive) {
            case ".hidden" -> Elf.STV_HIDDEN;
            case ".internal" -> Elf.STV_INTERNAL;
            default -> Elf.STV_PROTECTED;
        };
    }

    private void type() {
        Symbol s = asm.symbol(p.identifier());
        p.expect(",");
        Token t = p.take();
        String kind = t.type() == Token.Type.STRING ? t.text() : t.text();
        if (t.is("@") || t.is("%")) kind = p.identifier();
        else if (kind.startsWith("@")) kind = kind.substring(1);
        p.expectEnd();
        s.type = switch (kind) {
            case "function" -> Elf.STT_FUNC;
            case "object" -> Elf.STT_OBJECT;
            case "tls_object" -> Elf.STT_TLS;
            case "notype" -> Elf.STT_NOTYPE;
            case "gnu_indirect_function" -> Elf.STT_GNU_IFUNC;
            default -> throw asm.diag.error("unrecognized symbol type \"" + kind + "\"");
        };
    }

    private void size() {
        Symbol s = asm.symbol(p.identifier());
        p.expect(",");
        s.size = p.expression();
        p.expectEnd();
    }

    private void set(String directive) {
        String name = p.identifier();
        p.expect(",");
        if (directive.equals(".equiv") && asm.symbols.containsKey(name) && asm.symbols.get(name).defined) {
            throw asm.diag.error("symbol `" + name + "' is already defined");
        }
        asm.assign(name, p);
    }

    private void comm(boolean local) {
        Symbol s = asm.symbol(p.identifier());
        p.expect(",");
        long size = Eval.constant(asm, p.expression());
        long align = 0;
        if (p.accept(",")) align = Eval.constant(asm, p.expression());
        p.expectEnd();
        if (s.defined) throw asm.diag.error("symbol `" + s.name + "' is already defined");
        if (size < 0) throw asm.diag.error("size of \"" + s.name + "\" is negative");
        if (local || s.explicitLocal) {
            Section bss = asm.findSection(".bss");
            List<Item> into = bss.localCommons;
            if (align > 1) {
                bss.alignment = Math.max(bss.alignment, align);
                into.add(new Item.Align((int) align, 0, false, 0));
            }
            s.defined = true;
            s.section = bss;
            s.definedLine = asm.diag.line;
            into.add(new Item.Label(s));
            into.add(new Item.Bytes(new byte[(int) size], List.of(), asm.diag.line));
            if (s.type == Elf.STT_NOTYPE) s.type = Elf.STT_OBJECT;
            if (s.size == null) s.size = new Expr.Num(size);
            return;
        }
        s.common = true;
        s.global = true;
        s.commonAlign = Math.max(align, 1);
        s.value = s.commonAlign;
        s.size = new Expr.Num(size);
        if (s.type == Elf.STT_NOTYPE) s.type = Elf.STT_OBJECT;
    }

    // ---- data ----

    private void data(int size) {
        if (p.atEnd()) return;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Fixup> fixups = new ArrayList<>();
        do {
            Expr e = p.expression();
            Value v = Eval.tryEvaluate(asm, e);
            if (v != null && v.isConstant()) {
                checkFits(v.constant(), size);
                writeLittle(out, v.constant(), size);
            } else {
                fixups.add(new Fixup(out.size(), size, e, false, 0, Fixup.Kind.DATA, asm.diag.line));
                writeLittle(out, 0, size);
            }
        } while (p.accept(","));
        p.expectEnd();
        asm.emit(out.toByteArray(), fixups);
    }

    private void checkFits(long v, int size) {
        if (size < 8 && (v >= (1L << (size * 8)) || v < -(1L << (size * 8 - 1)))) {
            throw asm.diag.error("value 0x" + Long.toHexString(v) + " truncated to " + size * 8 + " bits");
        }
    }

    static void writeLittle(ByteArrayOutputStream out, long v, int size) {
        for (int i = 0; i < size; i++) out.write((int) (v >>> (8 * i)));
    }

    private void strings(boolean terminate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!p.atEnd()) {
            do {
                out.writeBytes(Assembler.latin1(p.string()));
                if (terminate) out.write(0);
            } while (p.accept(","));
        }
        p.expectEnd();
        asm.emit(out.toByteArray());
    }

    private void zero() {
        long n = Eval.constant(asm, p.expression());
        p.expectEnd();
        emitRepeated(n, 1, 0);
    }

    private void skip() {
        long n = Eval.constant(asm, p.expression());
        long fill = p.accept(",") ? Eval.constant(asm, p.expression()) : 0;
        p.expectEnd();
        emitRepeated(n, 1, fill);
    }

    private void fill() {
        long repeat = Eval.constant(asm, p.expression());
        long size = 1;
        long value = 0;
        if (p.accept(",")) {
            size = Eval.constant(asm, p.expression());
            if (p.accept(",")) value = Eval.constant(asm, p.expression());
        }
        p.expectEnd();
        if (size < 0 || size > 8) throw asm.diag.error(".fill size must be between 0 and 8");
        emitRepeated(repeat, (int) size, value);
    }

    private void emitRepeated(long count, int size, long value) {
        if (count < 0 || count * size > MAX_FILL) throw asm.diag.error("repeat count " + count + " out of range");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = 0; i < count; i++) {
            writeLittle(out, value, Math.min(size, 4));
            if (size > 4) writeLittle(out, 0, size - 4);
        }
        asm.emit(out.toByteArray());
    }

    private void leb128(boolean signed) {
        do {
            Expr e = p.expression();
            Value v = Eval.tryEvaluate(asm, e);
            if (v != null && v.isConstant()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                writeLeb128(out, v.constant(), signed);
                asm.emit(out.toByteArray());
            } else {
                if (asm.current.isNobits()) throw asm.diag.error("attempt to store a value in a nobits section");
                asm.current.add(new Item.Leb128(e, signed, asm.diag.line));
            }
        } while (p.accept(","));
        p.expectEnd();
    }

    static void writeLeb128(ByteArrayOutputStream out, long v, boolean signed) {
        while (true) {
            int b = (int) (v & 0x7F);
            v = signed ? v >> 7 : v >>> 7;
            boolean done = signed ? (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0) : v == 0;
            out.write(done ? b : b | 0x80);
            if (done) return;
        }
    }

    private void floats(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            StringBuilder text = new StringBuilder();
            if (p.accept("-")) text.append('-');
            Token t = p.take();
            text.append(t.text());
            while (p.peek().type() != Token.Type.END && !p.peek().is(",")) text.append(p.take().text());
            double d;
            try {
                String s = text.toString().replaceFirst("^(-?)0[fFdD]", "$1");
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw asm.diag.error("bad floating literal: " + text);
            }
            long bits = size == 4 ? Float.floatToRawIntBits((float) d) & 0xFFFFFFFFL : Double.doubleToRawLongBits(d);
            writeLittle(out, bits, size);
        } while (p.accept(","));
        p.expectEnd();
        asm.emit(out.toByteArray());
    }

    // ---- alignment ----

    private void align(boolean powerOfTwo) {
        long n = Eval.constant(asm, p.expression());
        long fill = -1;
        long max = 0;
        if (p.accept(",")) {
            if (!p.peek().is(",")) fill = Eval.constant(asm, p.expression());
            if (p.accept(",")) max = Eval.constant(asm, p.expression());
        }
        p.expectEnd();
        long alignment = powerOfTwo ? 1L << Math.min(n, 30) : n;
        if (alignment <= 0 || Long.bitCount(alignment) != 1) throw asm.diag.error("alignment not a power of 2");
        if (alignment > MAX_ALIGNMENT) throw asm.diag.error("alignment " + alignment + " too large (at most 1 MiB)");
        alignTo(alignment, fill, max);
    }

    private void alignTo(long alignment) {
        alignTo(alignment, -1, 0);
    }

    private void alignTo(long alignment, long fill, long max) {
        asm.debugLine.instruction();
        Section s = asm.current;
        s.alignment = Math.max(s.alignment, alignment);
        boolean nops = fill < 0 && s.isCode();
        asm.current.add(new Item.Align((int) alignment, (int) Math.max(fill, 0), nops, (int) max));
    }

    // ---- bookkeeping ----

    private void ident() {
        String text = p.string();
        p.expectEnd();
        asm.addComment(text);
    }

    private void file() {
        Token t = p.peek();
        if (t.type() == Token.Type.STRING) {
            asm.sourceFileSymbol = p.string();
            p.expectEnd();
            return;
        }
        asm.debugLine.file(p);
    }
}
