package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The GNU-as-compatible x86-64 assembler: AT&T syntax source in, ELF64 relocatable object out. */
public final class Assembler {
    final Diagnostics diag;
    final String fileName;
    final Map<String, Symbol> symbols = new LinkedHashMap<>();
    final List<Symbol> symbolOrder = new ArrayList<>();
    final List<Section> sections = new ArrayList<>();
    private final Map<String, Section> sectionsByName = new HashMap<>();
    private final Deque<Section[]> sectionStack = new ArrayDeque<>();
    private final Map<String, Integer> numericLabelCount = new HashMap<>();
    private final Encoder encoder;
    private final Macros macros;
    final DebugLine debugLine;
    Section current;
    Section previous;
    String sourceFileSymbol;
    boolean usesGot;
    private int tempCount;
    /** The next position in gas's symbol list (see {@link Symbol#order}). */
    long nextOrder;
    /** Counts statements, to tell symbols named earlier from those first named by the current statement. */
    long statements;

    private Assembler(String fileName) {
        this.fileName = fileName;
        this.diag = new Diagnostics(fileName);
        this.encoder = new Encoder(this);
        this.macros = new Macros(diag);
        this.debugLine = new DebugLine(this);
        current = section(".text", Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_EXECINSTR, 0);
        section(".data", Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE, 0);
        section(".bss", Elf.SHT_NOBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE, 0);
        previous = current;
    }

    /**
     * Assembles {@code source} (named {@code fileName} in diagnostics) into the bytes of an ELF64 ET_REL object.
     *
     * @throws AsmError for any bad input, with the file and line GNU as would report
     */
    public static byte[] assemble(String source, String fileName) {
        Assembler asm = new Assembler(fileName);
        try {
            asm.run(source);
            new Layout(asm).run();
            return new ObjectWriter(asm).write();
        } catch (AsmError e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AsmError(fileName, asm.diag.line,
                    "internal assembler error on this statement (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    // ---- statements ----

    private void run(String source) {
        String[] text = stripBlockComments(source).split("\n", -1);
        List<Macros.Line> lines = new ArrayList<>();
        for (int i = 0; i < text.length; i++) lines.add(new Macros.Line(text[i], i + 1));
        runLines(lines);
        diag.line = text.length;
        debugLine.finish();
        checkNumericLabels();
    }

    /** Assembles lines, expanding .rept/.irp/.irpc blocks and macro definitions and invocations on the way. */
    private void runLines(List<Macros.Line> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Macros.Line line = lines.get(i);
            diag.line = line.number();
            String word = Macros.firstWord(line.text());
            if (Macros.opensBlock(word)) {
                List<String> body = new ArrayList<>();
                int end = macros.collect(lines, i, body);
                diag.line = line.number();
                List<String> expanded = switch (word) {
                    case ".macro" -> {
                        macros.define(line.text(), body);
                        yield List.of();
                    }
                    case ".rept" -> macros.repeat(Eval.constant(this,
                            new Parser(line.text().strip().substring(5), this, diag).expression()), body);
                    default -> macros.irp(line.text(), body, word.equals(".irpc"));
                };
                runExpansion(expanded, line.number());
                i = end;
                continue;
            }
            if (word.equals(".endr") || word.equals(".endm")) throw diag.error(word + " without a matching block");
            for (String statement : splitStatements(line.text())) statement(statement.strip());
        }
    }

    private void runExpansion(List<String> expanded, int number) {
        List<Macros.Line> lines = new ArrayList<>();
        for (String t : expanded) lines.add(new Macros.Line(t, number));
        macros.enter(lines.size());
        runLines(lines);
        macros.leave();
    }

    private static String stripBlockComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        boolean inString = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < source.length()) out.append(source.charAt(++i));
                else if (c == '"' || c == '\n') inString = false;
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '#') {
                while (i < source.length() && source.charAt(i) != '\n') i++;
                if (i < source.length()) out.append('\n');
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                String comment = end < 0 ? source.substring(i) : source.substring(i, end + 2);
                comment.chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                out.append(' ');
                i = end < 0 ? source.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitStatements(String line) {
        List<String> parts = new ArrayList<>();
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '\'' && i + 1 < line.length()) {
                i += line.charAt(i + 1) == '\\' ? 2 : 1;
            } else if (c == ';') {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(line.substring(start));
        return parts;
    }

    private void statement(String s) {
        statements++;
        while (!s.isEmpty()) {
            int colon = labelEnd(s);
            if (colon < 0) break;
            defineLabel(s.substring(0, colon).strip());
            s = s.substring(colon + 1).strip();
        }
        if (s.isEmpty()) return;
        int nameEnd = 0;
        while (nameEnd < s.length() && !Character.isWhitespace(s.charAt(nameEnd)) && s.charAt(nameEnd) != ','
                && s.charAt(nameEnd) != '=') {
            nameEnd++;
        }
        String name = s.substring(0, nameEnd);
        String rest = s.substring(nameEnd).strip();
        if (rest.startsWith("=") && !rest.startsWith("==")) {
            assign(name, new Parser(rest.substring(1), this, diag));
        } else if (macros.isMacro(name)) {
            runExpansion(macros.expand(name, rest), diag.line);
        } else if (name.startsWith(".")) {
            Directives.run(this, name.toLowerCase(), rest);
        } else {
            encoder.instruction(name.toLowerCase(), rest);
        }
    }

    /** The index of the ':' ending a leading label, or -1. */
    private static int labelEnd(String s) {
        int i = 0;
        if (s.isEmpty()) return -1;
        if (Character.isDigit(s.charAt(0))) {
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        } else if (Lexer.isNameStart(s.charAt(0))) {
            while (i < s.length() && Lexer.isNameChar(s.charAt(i))) i++;
        } else {
            return -1;
        }
        int j = i;
        while (j < s.length() && s.charAt(j) == ' ') j++;
        return j < s.length() && s.charAt(j) == ':' ? j : -1;
    }

    void assign(String name, Parser p) {
        Expr e = p.expression();
        p.expectEnd();
        Symbol sym = symbol(name);
        if (sym.isLabel()) throw diag.error("symbol `" + name + "' is already defined");
        Value v = Eval.tryEvaluate(this, e);
        sym.equated = v != null && v.isConstant() ? new Expr.Num(v.constant()) : e;
        sym.defined = true;
        if (sym.order == Long.MAX_VALUE) sym.order = nextOrder++;
        sym.definedLine = diag.line;
    }

    // ---- symbols ----

    Symbol symbol(String name) {
        Symbol s = symbols.get(name);
        if (s == null) {
            s = new Symbol(name, nextOrder++);
            symbols.put(name, s);
            symbolOrder.add(s);
        }
        return s;
    }

    Symbol reference(String name) {
        Symbol s = symbol(name);
        if (s.firstStatement < 0) s.firstStatement = statements;
        if (!s.referenced) {
            s.referenced = true;
            s.firstRefLine = diag.line;
        }
        if (name.equals("_GLOBAL_OFFSET_TABLE_")) {
            usesGot = true;
            s.usedInReloc = true;
        }
        return s;
    }

    /**
     * An instruction's displacement or branch target names these symbols. As observed of gas, a .L symbol joins the
     * symbol list here if it was defined or named before this statement, or always when {@code force} (GPR mov).
     */
    void touchFromInstruction(Expr e, boolean force) {
        switch (e) {
            case Expr.Ref r -> {
                Symbol s = r.symbol();
                boolean known = s.defined || (s.firstStatement >= 0 && s.firstStatement < statements);
                if (s.order == Long.MAX_VALUE && (known || force)) s.order = nextOrder++;
            }
            case Expr.Unary u -> touchFromInstruction(u.operand(), force);
            case Expr.Binary b -> {
                touchFromInstruction(b.left(), force);
                touchFromInstruction(b.right(), force);
            }
            case Expr.Num n -> { }
        }
    }

    void defineLabel(String name) {
        if (Character.isDigit(name.charAt(0))) {
            int n = numericLabelCount.merge(name, 1, Integer::sum);
            name = numericName(name, n);
        }
        Symbol s = symbol(name);
        if (s.defined || s.common) throw diag.error("symbol `" + name + "' is already defined");
        s.defined = true;
        s.section = current;
        s.definedLine = diag.line;
        current.add(new Item.Label(s));
    }

    private static String numericName(String digits, int instance) {
        return ".L" + digits + "\u0002" + instance;
    }

    Symbol numericLabelReference(String ref) {
        String digits = ref.substring(0, ref.length() - 1);
        int n = numericLabelCount.getOrDefault(digits, 0);
        if (ref.endsWith("b")) {
            if (n == 0) throw diag.error("backward ref to unknown label \"" + digits + ":\"");
            return reference(numericName(digits, n));
        }
        return reference(numericName(digits, n + 1));
    }

    private void checkNumericLabels() {
        for (Symbol s : symbolOrder) {
            if (s.name.indexOf('\u0002') >= 0 && !s.defined) {
                throw diag.errorAt(s.firstRefLine, "local label `"
                        + s.name.substring(2, s.name.indexOf('\u0002')) + "' is not defined");
            }
        }
    }

    /** A fresh symbol standing for the current location, i.e. '.'. */
    Symbol dot() {
        return labelAtEnd(current);
    }

    /** A fresh temporary label at the current end of {@code section}. */
    Symbol labelAtEnd(Section section) {
        Symbol s = symbol(".L.dot\u0002" + tempCount++);
        s.defined = true;
        s.section = section;
        s.definedLine = diag.line;
        section.add(new Item.Label(s));
        return s;
    }

    // ---- sections ----

    Section section(String name, int type, long flags, long entsize) {
        Section s = sectionsByName.get(name);
        if (s == null) {
            Symbol sym = new Symbol(name, nextOrder++);
            sym.type = Elf.STT_SECTION;
            s = new Section(name, type, flags, sym);
            s.entsize = entsize;
            sym.section = s;
            sym.defined = true;
            symbolOrder.add(sym);
            sections.add(s);
            sectionsByName.put(name, s);
        }
        return s;
    }

    Section findSection(String name) {
        return sectionsByName.get(name);
    }

    void switchTo(Section s) {
        debugLine.flush();
        if (s != current) {
            previous = current;
            current = s;
        }
    }

    void pushSection(Section s) {
        sectionStack.push(new Section[] {current, previous});
        switchTo(s);
    }

    void popSection() {
        debugLine.flush();
        if (sectionStack.isEmpty()) throw diag.error(".popsection without corresponding .pushsection; ignored");
        Section[] saved = sectionStack.pop();
        current = saved[0];
        previous = saved[1];
    }

    void swapPrevious() {
        debugLine.flush();
        Section t = current;
        current = previous;
        previous = t;
    }

    void emit(byte[] bytes, List<Fixup> fixups) {
        if (current.isNobits()) {
            for (byte b : bytes) {
                if (b != 0) throw diag.error("attempt to initialize memory in a nobits section");
            }
            if (!fixups.isEmpty()) throw diag.error("attempt to store a relocation in a nobits section");
        }
        current.add(new Item.Bytes(bytes, fixups, diag.line));
    }

    void emit(byte[] bytes) {
        emit(bytes, List.of());
    }

    /** .ident strings go to .comment, which gas starts with an empty string. */
    void addComment(String text) {
        Section comment = findSection(".comment");
        if (comment == null) {
            comment = section(".comment", Elf.SHT_PROGBITS, Elf.SHF_MERGE | Elf.SHF_STRINGS, 1);
            comment.add(new Item.Bytes(new byte[1], List.of(), diag.line));
        }
        byte[] bytes = latin1(text);
        comment.add(new Item.Bytes(java.util.Arrays.copyOf(bytes, bytes.length + 1), List.of(), diag.line));
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
