package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns addresses (growing rel8 jumps to rel32 until nothing changes), then writes each section's bytes and turns
 * fixups into either patched values or relocations, the way gas decides between the two.
 */
final class Layout {
    private final Assembler asm;
    /** Before the final pass, LEB128 values that depend on later sections may still be unknown. */
    private boolean finalPass;

    Layout(Assembler asm) {
        this.asm = asm;
    }

    void run() {
        for (Section s : asm.sections) {
            s.items.addAll(s.localCommons);
            s.localCommons.clear();
        }
        for (Section s : asm.sections) relax(s);
        if (!asm.debugLine.isEmpty()) {
            asm.debugLine.assignViews();
            asm.debugLine.generate();
        }
        finalPass = true;
        for (Section s : asm.sections) relax(s);
        for (Symbol sym : asm.symbolOrder) materializeAlias(sym);
        for (Section s : asm.sections) emit(s);
        for (Symbol sym : asm.symbolOrder) checkDefined(sym);
    }

    /**
     * A symbol set to {@code label+const} becomes a label itself, as in gas: references to a local alias of a global
     * function resolve locally, and relocations name the alias.
     */
    private void materializeAlias(Symbol s) {
        if (s.equated == null) return;
        Value v = Eval.evaluate(asm, s.equated, true);
        Symbol target = v.plus();
        if (target == null || v.minus() != null || v.modifier() != null || !target.isLabel()) return;
        s.section = target.section;
        s.value = target.value + v.constant();
        s.equated = null;
        if (v.constant() == 0 && s.type == Elf.STT_NOTYPE && s.size == null) {
            s.type = target.type;
            s.size = target.size;
        }
    }

    private void checkDefined(Symbol sym) {
        if (sym.referenced && !sym.defined && !sym.common && sym.isTemporary() && !sym.name.startsWith(".L.dot")) {
            throw asm.diag.errorAt(sym.firstRefLine, "local label `" + sym.name + "' is not defined");
        }
    }

    // ---- addresses ----

    /**
     * gas's relax_segment: one address pass with every local jump short, then passes that walk the items in order,
     * carrying the growth so far ("stretch"), until nothing grows. A target not yet reached in this pass is assumed to
     * have moved by the stretch too, unless an alignment lies between (it may absorb the growth).
     */
    private void relax(Section s) {
        List<Item> items = s.items;
        int n = items.size();
        long[] address = new long[n];
        int[] region = new int[n];
        int[] reachedInPass = new int[n];
        Map<Symbol, Integer> labelIndex = new IdentityHashMap<>();
        long at = 0;
        int currentRegion = 0;
        for (int i = 0; i < n; i++) {
            address[i] = at;
            region[i] = currentRegion;
            switch (items.get(i)) {
                case Item.Label l -> {
                    l.symbol().value = at;
                    labelIndex.put(l.symbol(), i);
                }
                case Item.Bytes b -> at += b.bytes().length;
                case Item.Jump j -> {
                    if (!j.isLong && inSectionTarget(s, j) == null) j.isLong = true;
                    at += j.size();
                }
                case Item.Align a -> {
                    at += padding(at, a);
                    currentRegion++;
                }
                case Item.Leb128 l -> {
                    resize(l);
                    at += l.bytes.length;
                }
            }
        }
        boolean stretched = true;
        for (int pass = 1; stretched; pass++) {
            stretched = false;
            long stretch = 0;
            for (int i = 0; i < n; i++) {
                long was = address[i];
                long here = was + stretch;
                address[i] = here;
                reachedInPass[i] = pass;
                long growth = switch (items.get(i)) {
                    case Item.Label l -> {
                        l.symbol().value = here;
                        yield 0;
                    }
                    case Item.Bytes b -> 0;
                    case Item.Align a -> padding(here, a) - padding(was, a);
                    case Item.Leb128 l -> {
                        int old = l.bytes.length;
                        resize(l);
                        yield l.bytes.length - old;
                    }
                    case Item.Jump j -> {
                        if (j.isLong) yield 0;
                        Symbol t = inSectionTarget(s, j);
                        Integer ti = t == null ? null : labelIndex.get(t);
                        if (ti == null) {
                            j.isLong = true;
                            yield j.longOpcode.length + 4 - (j.shortOpcode.length + 1);
                        }
                        long target = t.value + Eval.evaluate(asm, j.target, true).constant();
                        long displacementAt = here + j.shortOpcode.length;
                        if (reachedInPass[ti] != pass && stretch != 0) {
                            if (stretch < 0 || region[ti] == region[i]) target += stretch;
                            else if (target < displacementAt) yield 0;
                        }
                        long aim = target - displacementAt;
                        if (aim >= -127 && aim <= 128) yield 0;
                        j.isLong = true;
                        yield j.longOpcode.length + 4 - (j.shortOpcode.length + 1);
                    }
                };
                if (growth != 0) {
                    stretch += growth;
                    stretched = true;
                }
            }
        }
        s.size = assignAddresses(s);
    }

    /** Re-encodes a LEB128 item from the current symbol values, keeping its size if not yet computable. */
    private void resize(Item.Leb128 l) {
        Value v;
        try {
            v = Eval.evaluate(asm, l.expr, true);
        } catch (AsmError e) {
            if (finalPass) throw asm.diag.errorAt(l.line, e.detail());
            return;
        }
        if (!v.isConstant()) {
            if (finalPass) throw asm.diag.errorAt(l.line, "leb128 value is not a constant");
            return;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Directives.writeLeb128(out, v.constant(), l.signed);
        l.bytes = out.toByteArray();
    }

    private long assignAddresses(Section s) {
        long address = 0;
        for (Item item : s.items) {
            switch (item) {
                case Item.Label l -> l.symbol().value = address;
                case Item.Bytes b -> address += b.bytes().length;
                case Item.Jump j -> {
                    j.address = address;
                    address += j.size();
                }
                case Item.Align a -> address += padding(address, a);
                case Item.Leb128 l -> address += l.bytes.length;
            }
        }
        return address;
    }

    private static int padding(long address, Item.Align a) {
        int pad = (int) (-address & (a.alignment() - 1));
        return a.max() > 0 && pad > a.max() ? 0 : pad;
    }

    private Symbol inSectionTarget(Section s, Item.Jump j) {
        Value v = Eval.evaluate(asm, j.target, true);
        Symbol t = v.plus();
        if (t == null || v.minus() != null || v.modifier() != null || !t.isLabel() || t.section != s) return null;
        if (t.weak || t.type == Elf.STT_GNU_IFUNC) return null;
        return t;
    }

    // ---- bytes and relocations ----

    private void emit(Section s) {
        if (s.isNobits()) return;
        byte[] data = new byte[(int) s.size];
        long address = 0;
        for (Item item : s.items) {
            switch (item) {
                case Item.Label l -> { }
                case Item.Bytes b -> {
                    System.arraycopy(b.bytes(), 0, data, (int) address, b.bytes().length);
                    for (Fixup f : b.fixups()) apply(s, data, address + f.offset(), f, false, s.relocations);
                    address += b.bytes().length;
                }
                case Item.Jump j -> {
                    byte[] op = j.isLong ? j.longOpcode : j.shortOpcode;
                    System.arraycopy(op, 0, data, (int) address, op.length);
                    int size = j.isLong ? 4 : 1;
                    Fixup f = new Fixup(0, size, j.target, true, size, Fixup.Kind.BRANCH, j.line);
                    apply(s, data, address + op.length, f, true, s.lateRelocations);
                    address += j.size();
                }
                case Item.Align a -> {
                    int pad = padding(address, a);
                    fill(data, (int) address, pad, a);
                    address += pad;
                }
                case Item.Leb128 l -> {
                    System.arraycopy(l.bytes, 0, data, (int) address, l.bytes.length);
                    address += l.bytes.length;
                }
            }
        }
        s.data = data;
        s.relocations.addAll(s.lateRelocations);
    }

    private static void fill(byte[] data, int at, int count, Item.Align a) {
        if (!a.nops()) {
            for (int i = 0; i < count; i++) data[at + i] = (byte) a.fill();
            return;
        }
        while (count > 0) {
            int n = Math.min(count, 11);
            byte[] nop = Nops.of(n);
            System.arraycopy(nop, 0, data, at, n);
            at += n;
            count -= n;
        }
    }

    /** Resolves one fixup at section offset {@code at}: patches the bytes, or records a relocation. */
    private void apply(Section s, byte[] data, long at, Fixup f, boolean fromJump, List<Section.Relocation> out) {
        Value v;
        try {
            v = Eval.evaluate(asm, f.expr(), true);
        } catch (AsmError e) {
            throw asm.diag.errorAt(f.line(), e.detail());
        }
        long addend = v.constant();
        Symbol plus = v.plus();
        boolean pcRelative = f.pcRelative();
        if (v.minus() != null) {
            Symbol minus = v.minus();
            if (pcRelative || plus == null || !minus.isLabel() || minus.section != s) {
                throw asm.diag.errorAt(f.line(), "can't resolve `" + (plus == null ? "0" : plus.name) + "' {"
                        + sectionName(plus) + "} - `" + minus.name + "' {" + sectionName(minus) + "}");
            }
            pcRelative = true;
            addend += at - minus.value;
        }
        if (plus != null && plus.name.equals("_GLOBAL_OFFSET_TABLE_") && v.modifier() == null && pcRelative) {
            // gas turns _GLOBAL_OFFSET_TABLE_(%rip) into a GOTPC reference.
            out.add(new Section.Relocation(at, Elf.R_X86_64_GOTPC32, plus, addend - f.pcBias()));
            plus.usedInReloc = true;
            return;
        }
        if (plus == null) {
            if (pcRelative) throw asm.diag.errorAt(f.line(), "cannot branch or refer PC-relative to an absolute address");
            patch(data, at, f.size(), addend, f);
            return;
        }
        if (v.modifier() == null && pcRelative && resolvesHere(s, plus, fromJump)) {
            patch(data, at, f.size(), plus.value + addend - (at + f.pcBias()), f);
            return;
        }
        long relAddend = pcRelative ? addend - f.pcBias() : addend;
        int type = relocationType(f, v.modifier(), pcRelative, plus);
        Symbol target = plus;
        if (plus.isLabel() && !plus.isExternal() && v.modifier() == null && !keepSymbol(plus, pcRelative, addend)) {
            target = plus.section.symbol;
            relAddend += plus.value;
        }
        target.usedInReloc = true;
        if (!plus.defined && !plus.common && plus.isTemporary()) {
            throw asm.diag.errorAt(f.line(), "local label `" + plus.name + "' is not defined");
        }
        out.add(new Section.Relocation(at, type, target, relAddend));
    }

    private static String sectionName(Symbol s) {
        if (s == null) return "*ABS*";
        return s.section == null ? "*UND*" : s.section.name;
    }

    private static boolean resolvesHere(Section s, Symbol t, boolean fromJump) {
        if (!t.isLabel() || t.section != s || t.weak || t.type == Elf.STT_GNU_IFUNC) return false;
        return fromJump || !t.isExternal();
    }

    /** gas keeps the symbol (not the section) for references into mergeable sections that are not at offset 0. */
    private static boolean keepSymbol(Symbol t, boolean pcRelative, long addend) {
        return (t.section.flags & Elf.SHF_MERGE) != 0 && (pcRelative || addend != 0);
    }

    private static boolean needsPlt(Symbol t) {
        return t.weak || !t.defined || t.isExternal();
    }

    private int relocationType(Fixup f, String modifier, boolean pcRelative, Symbol target) {
        int size = f.size();
        if (modifier != null) {
            if (modifier.equals("GOTPCREL") && pcRelative && size == 4) {
                return switch (f.kind()) {
                    case RELAXABLE_GOT -> Elf.R_X86_64_GOTPCRELX;
                    case RELAXABLE_GOT_REX -> Elf.R_X86_64_REX_GOTPCRELX;
                    default -> Elf.R_X86_64_GOTPCREL;
                };
            }
            Integer t = switch (modifier) {
                case "PLT" -> pcRelative && size == 4 ? Elf.R_X86_64_PLT32 : null;
                case "GOTTPOFF" -> pcRelative && size == 4 ? Elf.R_X86_64_GOTTPOFF : null;
                case "TLSGD" -> pcRelative && size == 4 ? Elf.R_X86_64_TLSGD : null;
                case "TLSLD" -> pcRelative && size == 4 ? Elf.R_X86_64_TLSLD : null;
                case "TPOFF" -> pcRelative ? null : size == 4 ? Elf.R_X86_64_TPOFF32 : size == 8 ? Elf.R_X86_64_TPOFF64 : null;
                case "DTPOFF" -> pcRelative ? null : size == 4 ? Elf.R_X86_64_DTPOFF32 : size == 8 ? Elf.R_X86_64_DTPOFF64 : null;
                case "GOTOFF" -> !pcRelative && size == 8 ? Elf.R_X86_64_GOTOFF64 : null;
                case "GOT" -> !pcRelative && size == 4 ? Elf.R_X86_64_GOT32 : null;
                default -> null;
            };
            if (t == null) throw asm.diag.errorAt(f.line(), "unsupported relocation `@" + modifier.toLowerCase() + "' here");
            return t;
        }
        if (pcRelative) {
            return switch (size) {
                case 1 -> Elf.R_X86_64_PC8;
                case 2 -> Elf.R_X86_64_PC16;
                case 8 -> Elf.R_X86_64_PC64;
                default -> f.kind() == Fixup.Kind.BRANCH && needsPlt(target) ? Elf.R_X86_64_PLT32 : Elf.R_X86_64_PC32;
            };
        }
        return switch (size) {
            case 1 -> Elf.R_X86_64_8;
            case 2 -> Elf.R_X86_64_16;
            case 8 -> Elf.R_X86_64_64;
            default -> f.kind() == Fixup.Kind.SIGNED ? Elf.R_X86_64_32S : Elf.R_X86_64_32;
        };
    }

    private void patch(byte[] data, long at, int size, long value, Fixup f) {
        boolean fits = switch (size) {
            case 1 -> value >= -128 && value <= 255;
            case 2 -> value >= -32768 && value <= 65535;
            case 4 -> f.pcRelative() || f.kind() == Fixup.Kind.SIGNED
                    ? value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
                    : value >= Integer.MIN_VALUE && value <= 0xFFFFFFFFL;
            default -> true;
        };
        if (!fits) {
            throw asm.diag.errorAt(f.line(), "value of " + value + " too large for field of " + size + " bytes");
        }
        for (int i = 0; i < size; i++) data[(int) at + i] = (byte) (value >>> (8 * i));
    }
}
