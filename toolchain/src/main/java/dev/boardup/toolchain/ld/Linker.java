package dev.boardup.toolchain.ld;

import dev.boardup.toolchain.elf.Elf;
import dev.boardup.toolchain.elf.ElfFormatException;
import dev.boardup.toolchain.elf.ElfObject;
import dev.boardup.toolchain.elf.ElfObject.Rela;
import dev.boardup.toolchain.elf.ElfObject.Section;
import dev.boardup.toolchain.elf.ElfObject.Symbol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static linker: ELF64 x86-64 relocatable objects and ar archives in, one ET_EXEC out, laid out like GNU
 * ld's {@code -z separate-code} default — a read-only segment for the headers at 0x400000, then text (R-X),
 * read-only data (R) and data + bss (RW), each starting on its own page.
 *
 * <p>GOT-relative relocations (GOTPCREL, GOTPCRELX, REX_GOTPCRELX) get a real {@code .got}: one 8-byte slot
 * per symbol, holding its absolute address; the instructions are left as they are (no relaxation to lea).
 *
 * <p>Thread-local storage uses the static local-exec and initial-exec models: .tdata and .tbss make a PT_TLS
 * segment, TPOFF32/TPOFF64 resolve to the (negative, variant II) offset from the thread pointer, and GOTTPOFF
 * gets a GOT slot holding that offset. The general- and local-dynamic models (TLSGD, TLSLD) are not supported.
 */
public final class Linker {
    public static final long BASE = 0x400000;
    public static final long PAGE = 0x1000;
    private static final long SHF_EXCLUDE = 0x80000000L;
    private static final int SHT_REL = 9, SHT_PREINIT_ARRAY = 16, SHT_X86_64_UNWIND = 0x70000001;
    private static final int SHN_LORESERVE = 0xFF00;
    private static final int GRP_COMDAT = 1;
    private static final int MAX_UNDEFINED_REPORTS = 50;
    /** Symbol 0, for objects that have no symbol table at all. */
    private static final Symbol NO_SYMBOL = new Symbol(0, "", 0, 0, Elf.SHN_UNDEF, 0, 0);

    /** Output sections in file order; the segment each belongs to is fixed by its name. */
    private static final List<String> ORDER = List.of(".init", ".text", ".fini", ".rodata", ".eh_frame",
            ".tdata", ".tbss", ".preinit_array", ".init_array", ".fini_array", ".got", ".data", ".bss");

    /** Symbols the linker defines itself when something refers to them (ld's default script). */
    private static final Set<String> SYNTHETIC = Set.of("__bss_start", "_edata", "edata", "_end", "end", "etext",
            "_etext", "__etext", "__executable_start", "__ehdr_start", "__init_array_start", "__init_array_end",
            "__fini_array_start", "__fini_array_end", "__preinit_array_start", "__preinit_array_end",
            "_GLOBAL_OFFSET_TABLE_");

    /** An input object and where each of its sections went. */
    private static final class Input {
        final String name;
        final ElfObject elf;
        final boolean[] discarded;
        final OutputSection[] out;
        final long[] offset;   // within its output section
        final String source;   // the STT_FILE name, used in messages like ld does
        final int id;          // position on the command line, after archive members are pulled in

        Input(int id, String name, ElfObject elf) {
            this.id = id;
            this.name = name;
            this.elf = elf;
            int n = elf.sections.size();
            this.discarded = new boolean[n];
            this.out = new OutputSection[n];
            this.offset = new long[n];
            String file = null;
            for (Symbol s : elf.symbols) {
                if (s.type() == Elf.STT_FILE) {
                    file = s.name();
                    break;
                }
            }
            this.source = file;
        }

        long address(int shndx) {
            return out[shndx].addr + offset[shndx];
        }

        boolean placed(int shndx) {
            return shndx > 0 && shndx < out.length && out[shndx] != null;
        }
    }

    /** A section of the output file, gathered from input sections of one kind. */
    private static final class OutputSection {
        final String name;
        int type;
        long flags;
        long align = 1;
        long entsize;
        long size;
        long addr;
        long fileOffset;
        int index;
        byte[] data;
        final List<Input> inputs = new ArrayList<>();
        final List<Integer> sections = new ArrayList<>();

        OutputSection(String name, int type, long flags) {
            this.name = name;
            this.type = type;
            this.flags = flags;
        }

        boolean alloc() {
            return (flags & Elf.SHF_ALLOC) != 0;
        }
    }

    private enum State { UNDEFINED, DEFINED, COMMON, SYNTHETIC }

    /** A global symbol's resolution across all inputs. */
    private static final class Global {
        final String name;
        State state = State.UNDEFINED;
        boolean weak;           // for DEFINED: a weak definition; for UNDEFINED: only weak references so far
        boolean strongRef;
        Input definer;
        Symbol symbol;
        long commonSize;
        long commonAlign = 1;
        long address;
        OutputSection section;  // for COMMON and SYNTHETIC symbols

        Global(String name) {
            this.name = name;
        }
    }

    private String entry = "_start";
    private String outputName = "a.out";
    private final List<Input> inputs = new ArrayList<>();
    private final Map<String, Global> globals = new LinkedHashMap<>();
    private final Set<String> comdatGroups = new HashSet<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<String, OutputSection> outputs = new LinkedHashMap<>();
    private final Map<String, Integer> gotSlots = new LinkedHashMap<>();
    private int undefinedReports;
    private String lastFunctionContext;

    /** Names the output file in messages (ld says absolute symbols are defined "in" it). */
    public Linker outputName(String name) {
        this.outputName = name;
        return this;
    }

    /** Sets the entry symbol (default {@code _start}). */
    public Linker entry(String symbol) {
        this.entry = symbol;
        return this;
    }

    /** Adds an object or an archive (told apart by their magic), in command-line order. */
    public Linker addFile(String name, byte[] data) throws LinkError {
        if (Archive.isArchive(data)) return addArchive(name, data);
        return addObject(name, data);
    }

    public Linker addObject(String name, byte[] data) throws LinkError {
        ElfObject elf;
        try {
            elf = ElfObject.parse(name, data);
        } catch (ElfFormatException e) {
            throw new LinkError(e.getMessage());
        }
        Input in = new Input(inputs.size(), name, elf);
        discardDuplicateGroups(in);
        inputs.add(in);
        for (int i = Math.max(1, elf.firstGlobal); i < elf.symbols.size(); i++) resolve(in, elf.symbols.get(i));
        return this;
    }

    /** Pulls in the members that define a symbol still undefined, again and again until none does (like ld). */
    public Linker addArchive(String name, byte[] data) throws LinkError {
        Archive archive = Archive.parse(name, data);
        Set<Integer> loaded = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Integer> e : archive.index.entrySet()) {
                Global g = globals.get(e.getKey());
                if (g == null || g.state != State.UNDEFINED || !g.strongRef || loaded.contains(e.getValue())) continue;
                Archive.Member m = archive.members.get(e.getValue());
                if (m == null) throw new LinkError(name + ": archive index points at no member");
                loaded.add(e.getValue());
                addObject(name + "(" + m.name() + ")", m.data());
                changed = true;
            }
        }
        return this;
    }

    /** A COMDAT group seen before is dropped: its sections go, its symbols resolve to the first copy. */
    private void discardDuplicateGroups(Input in) {
        for (Section s : in.elf.sections) {
            if (s.type != Elf.SHT_GROUP || s.data.length < 4) continue;
            ByteBuffer b = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
            if ((b.getInt(0) & GRP_COMDAT) == 0) continue;
            String signature = in.elf.symbols.get(s.info).name();
            if (comdatGroups.add(signature)) continue;
            for (int i = 4; i + 4 <= s.data.length; i += 4) in.discarded[b.getInt(i)] = true;
        }
    }

    private void resolve(Input in, Symbol sym) {
        if (sym.name().isEmpty() || sym.bind() == Elf.STB_LOCAL) return;
        Global g = globals.computeIfAbsent(sym.name(), Global::new);
        boolean weak = sym.bind() == Elf.STB_WEAK;
        int shndx = sym.shndx();
        boolean undefined = shndx == Elf.SHN_UNDEF || (shndx < SHN_LORESERVE && in.discarded[shndx]);
        if (undefined) {
            if (!weak) g.strongRef = true;
            return;
        }
        if (shndx == Elf.SHN_COMMON) {
            if (g.state == State.UNDEFINED) {
                g.state = State.COMMON;
                g.definer = in;
                g.symbol = sym;
                g.commonSize = sym.size();
                g.commonAlign = Math.max(1, sym.value());
            } else if (g.state == State.COMMON) {
                g.commonSize = Math.max(g.commonSize, sym.size());
                g.commonAlign = Math.max(g.commonAlign, sym.value());
            }
            return;
        }
        if (g.state == State.DEFINED) {
            if (g.weak && !weak) {
                define(g, in, sym, false);
            } else if (!g.weak && !weak) {
                errors.add(where(in, shndx, sym.value(), false) + ": multiple definition of `" + sym.name() + "'; "
                        + where(g.definer, g.symbol.shndx(), g.symbol.value(), true) + ": first defined here");
            }
            return;
        }
        define(g, in, sym, weak);
    }

    private static void define(Global g, Input in, Symbol sym, boolean weak) {
        g.state = State.DEFINED;
        g.definer = in;
        g.symbol = sym;
        g.weak = weak;
    }

    // ---- linking ------------------------------------------------------------------------------------------

    /** Lays out, relocates and writes the executable. */
    public byte[] link() throws LinkError {
        Global start = globals.get(entry);
        if (start == null || start.state == State.UNDEFINED) errors.add("cannot find entry symbol " + entry);
        for (String name : SYNTHETIC) {
            Global g = globals.get(name);
            if (g != null && g.state == State.UNDEFINED) g.state = State.SYNTHETIC;
        }
        for (String name : List.of("__bss_start", "_edata", "_end")) {
            globals.computeIfAbsent(name, n -> {
                Global g = new Global(n);
                g.state = State.SYNTHETIC;
                return g;
            });
        }
        if (!errors.isEmpty()) throw new LinkError(errors);
        gatherSections();
        defineSectionBounds();
        collectGotSlots();
        layout = layOut();
        assignSymbolAddresses(layout);
        fillSections();
        if (!errors.isEmpty()) throw new LinkError(errors);
        return new ExecutableWriter(this, layout).write();
    }

    /** Maps input sections to output sections by name and kind; null means the section is dropped. */
    private static String outputName(Section s) {
        int t = s.type;
        if (t == Elf.SHT_NULL || t == Elf.SHT_SYMTAB || t == Elf.SHT_STRTAB || t == Elf.SHT_RELA || t == SHT_REL
                || t == Elf.SHT_GROUP || (s.flags & SHF_EXCLUDE) != 0) {
            return null;
        }
        if (!s.isAlloc()) return s.name.startsWith(".debug_") ? s.name : null;
        if (t == Elf.SHT_NOTE) return null;
        if ((s.flags & Elf.SHF_TLS) != 0) return t == Elf.SHT_NOBITS ? ".tbss" : ".tdata";
        if (s.name.matches("[A-Za-z_][A-Za-z0-9_]*")) return s.name;   // kept whole, for __start_/__stop_
        if ((s.flags & Elf.SHF_EXECINSTR) != 0) return s.name.equals(".init") || s.name.equals(".fini") ? s.name : ".text";
        if (t == Elf.SHT_INIT_ARRAY || s.name.startsWith(".init_array")) return ".init_array";
        if (t == Elf.SHT_FINI_ARRAY || s.name.startsWith(".fini_array")) return ".fini_array";
        if (t == SHT_PREINIT_ARRAY || s.name.startsWith(".preinit_array")) return ".preinit_array";
        if (t == Elf.SHT_NOBITS) return ".bss";
        if ((s.flags & Elf.SHF_WRITE) != 0) return ".data";
        return s.name.equals(".eh_frame") ? ".eh_frame" : ".rodata";
    }

    private void gatherSections() {
        for (Input in : inputs) {
            for (Section s : in.elf.sections) {
                if (in.discarded[s.index]) continue;
                String name = outputName(s);
                if (name == null) continue;
                OutputSection out = outputs.computeIfAbsent(name, n -> new OutputSection(n, outputType(n, s), 0));
                if (out.inputs.isEmpty() && !s.isAlloc()) {
                    out.flags = s.flags & (Elf.SHF_MERGE | Elf.SHF_STRINGS);   // .debug_str and friends stay strings
                    out.entsize = s.entsize;
                }
                out.flags |= s.flags & (Elf.SHF_ALLOC | Elf.SHF_WRITE | Elf.SHF_EXECINSTR | Elf.SHF_TLS);
                out.inputs.add(in);
                out.sections.add(s.index);
                in.out[s.index] = out;
            }
        }
        for (String name : List.of(".init_array", ".fini_array", ".preinit_array")) {
            OutputSection out = outputs.get(name);
            if (out != null) sortByPriority(out);
        }
    }

    private static int outputType(String name, Section first) {
        return switch (name) {
            case ".init_array" -> Elf.SHT_INIT_ARRAY;
            case ".fini_array" -> Elf.SHT_FINI_ARRAY;
            case ".preinit_array" -> SHT_PREINIT_ARRAY;
            case ".bss", ".tbss" -> Elf.SHT_NOBITS;
            default -> first.type == Elf.SHT_NOBITS ? Elf.SHT_NOBITS
                    : first.type == SHT_X86_64_UNWIND ? first.type : Elf.SHT_PROGBITS;
        };
    }

    /** .init_array.NNNNN sections run in priority order, before the plain ones (ld's SORT_BY_INIT_PRIORITY). */
    private static void sortByPriority(OutputSection out) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.inputs.size(); i++) order.add(i);
        order.sort(Comparator.comparingLong(i -> priority(out.inputs.get(i).elf.sections.get(out.sections.get(i)).name)));
        List<Input> ins = new ArrayList<>();
        List<Integer> secs = new ArrayList<>();
        for (int i : order) {
            ins.add(out.inputs.get(i));
            secs.add(out.sections.get(i));
        }
        out.inputs.clear();
        out.inputs.addAll(ins);
        out.sections.clear();
        out.sections.addAll(secs);
    }

    private static long priority(String name) {
        int dot = name.lastIndexOf('.');
        try {
            return dot > 0 ? Long.parseLong(name.substring(dot + 1)) : 1L << 32;
        } catch (NumberFormatException e) {
            return 1L << 32;
        }
    }

    private static boolean usesGot(int type) {
        return type == Elf.R_X86_64_GOTPCREL || type == Elf.R_X86_64_GOTPCRELX || type == Elf.R_X86_64_REX_GOTPCRELX
                || type == Elf.R_X86_64_GOT32 || type == Elf.R_X86_64_GOTTPOFF || type == R_X86_64_GOTPC32 || type == R_X86_64_GOTOFF64
                || type == R_X86_64_GOTPC64;
    }

    private static final int R_X86_64_GOTOFF64 = 25, R_X86_64_GOTPC32 = 26, R_X86_64_SIZE32 = 32,
            R_X86_64_SIZE64 = 33, R_X86_64_GOTPC64 = 29;

    private void collectGotSlots() {
        boolean needGot = globals.containsKey("_GLOBAL_OFFSET_TABLE_");
        for (Input in : inputs) {
            for (Section s : in.elf.sections) {
                if (!in.placed(s.index)) continue;
                for (Rela r : s.relocations) {
                    if (!usesGot(r.type())) continue;
                    needGot = true;
                    if (r.type() == R_X86_64_GOTPC32 || r.type() == R_X86_64_GOTOFF64 || r.type() == R_X86_64_GOTPC64) {
                        continue;
                    }
                    gotSlots.putIfAbsent(gotKey(in, r.symbol(), r.type()), gotSlots.size());
                }
            }
        }
        if (needGot) {
            OutputSection got = new OutputSection(".got", Elf.SHT_PROGBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE);
            got.align = 8;
            outputs.put(".got", got);
        }
    }

    /** Which GOT slot a relocation uses: one per symbol for its address, another for its TLS offset. */
    private String gotKey(Input in, int symIndex, int type) {
        Symbol s = symIndex < in.elf.symbols.size() ? in.elf.symbols.get(symIndex) : NO_SYMBOL;
        String kind = type == Elf.R_X86_64_GOTTPOFF ? "tp" : "";
        if (symIndex >= in.elf.firstGlobal && s.bind() != Elf.STB_LOCAL) return kind + "g:" + s.name();
        return kind + "l:" + in.id + ":" + symIndex;
    }

    // ---- layout -------------------------------------------------------------------------------------------

    /** One program header: a PT_LOAD or the PT_TLS template. */
    record Segment(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    /** Where the segments ended up. */
    static final class Layout {
        final List<Segment> loads = new ArrayList<>();
        Segment tls;   // or null
        long headerSize;
        long entry;
        long fileEnd;
    }

    private Layout layout;

    /**
     * Sections named like C identifiers ("orphans" to ld) keep their own output section, so that the
     * __start_NAME and __stop_NAME symbols ld provides can bound them.
     */
    private void defineSectionBounds() {
        for (Global g : globals.values()) {
            if (g.state != State.UNDEFINED) continue;
            String section = g.name.startsWith("__start_") ? g.name.substring(8)
                    : g.name.startsWith("__stop_") ? g.name.substring(7) : null;
            if (section != null && outputs.containsKey(section) && outputs.get(section).alloc()) {
                g.state = State.SYNTHETIC;
                g.section = outputs.get(section);
            }
        }
    }

    /** Allocated output sections in address order: ld's fixed order, orphans after the sections like them. */
    private List<OutputSection> allocationOrder() {
        List<OutputSection> order = new ArrayList<>();
        for (OutputSection out : outputs.values()) if (out.alloc()) order.add(out);
        order.sort(Comparator.comparingDouble(this::rank));
        return order;
    }

    private double rank(OutputSection out) {
        int known = ORDER.indexOf(out.name);
        if (known >= 0) return known;
        String after = (out.flags & Elf.SHF_EXECINSTR) != 0 ? ".fini"
                : (out.flags & Elf.SHF_WRITE) == 0 ? ".eh_frame"
                : out.type == Elf.SHT_NOBITS ? ".bss" : ".data";
        return ORDER.indexOf(after) + 0.5;
    }

    private static String segmentOf(OutputSection out) {
        if ((out.flags & Elf.SHF_EXECINSTR) != 0) return "text";
        return (out.flags & Elf.SHF_WRITE) == 0 ? "rodata" : "data";
    }

    private List<OutputSection> allocated = List.of();

    private Layout layOut() {
        for (OutputSection out : outputs.values()) placeInputs(out);
        placeCommons();
        allocated = allocationOrder();
        List<String> segmentsUsed = new ArrayList<>();
        for (String seg : List.of("text", "rodata", "data")) {
            if (allocated.stream().anyMatch(out -> segmentOf(out).equals(seg))) segmentsUsed.add(seg);
        }
        Layout layout = new Layout();
        boolean tls = outputs.containsKey(".tdata") || outputs.containsKey(".tbss");
        int phnum = 1 + segmentsUsed.size() + 1 + (tls ? 1 : 0);
        layout.headerSize = Elf.EHDR_SIZE + (long) phnum * Elf.PHDR_SIZE;
        layout.loads.add(new Segment(Elf.PT_LOAD, Elf.PF_R, 0, BASE, layout.headerSize, layout.headerSize, PAGE));
        long off = layout.headerSize;
        for (String seg : segmentsUsed) {
            off = alignUp(off, PAGE);
            long start = off, memEnd = off;
            long fileEnd = off;
            for (OutputSection out : allocated) {
                if (!segmentOf(out).equals(seg)) continue;
                memEnd = alignUp(memEnd, out.align);
                out.addr = BASE + memEnd;
                if (out.type != Elf.SHT_NOBITS) {
                    out.fileOffset = memEnd;
                    fileEnd = memEnd + out.size;
                } else {
                    out.fileOffset = fileEnd;
                }
                if (!out.name.equals(".tbss")) memEnd += out.size;   // .tbss is only a template: it takes no room here
            }
            int flags = switch (seg) {
                case "text" -> Elf.PF_R | Elf.PF_X;
                case "rodata" -> Elf.PF_R;
                default -> Elf.PF_R | Elf.PF_W;
            };
            layout.loads.add(new Segment(Elf.PT_LOAD, flags, start, BASE + start, fileEnd - start, memEnd - start, PAGE));
            off = fileEnd;
        }
        layout.fileEnd = off;
        if (tls) layout.tls = tlsSegment();
        return layout;
    }

    private Segment tlsSegment() {
        OutputSection tdata = outputs.get(".tdata"), tbss = outputs.get(".tbss");
        OutputSection first = tdata != null ? tdata : tbss;
        long align = Math.max(tdata == null ? 1 : tdata.align, tbss == null ? 1 : tbss.align);
        long end = tbss != null ? tbss.addr + tbss.size : tdata.addr + tdata.size;
        long filesz = tdata == null ? 0 : tdata.size;
        return new Segment(Elf.PT_TLS, Elf.PF_R, first.fileOffset, first.addr, filesz, end - first.addr, align);
    }

    /** x86-64 TLS variant II: the thread pointer sits just past the (aligned) TLS block. */
    private long tpOffset(long address) {
        Segment tls = layout.tls;
        if (tls == null) return 0;
        return address - (tls.vaddr() + alignUp(tls.memsz(), tls.align()));
    }

    private void placeInputs(OutputSection out) {
        long cur = 0;
        for (int i = 0; i < out.inputs.size(); i++) {
            Input in = out.inputs.get(i);
            Section s = in.elf.sections.get(out.sections.get(i));
            out.align = Math.max(out.align, s.align);
            cur = alignUp(cur, s.align);
            in.offset[s.index] = cur;
            cur += s.size;
        }
        if (out.name.equals(".got")) cur = 8L * gotSlots.size();
        out.size = cur;
    }

    /** COMMON symbols become space at the end of .bss. */
    private void placeCommons() {
        for (Global g : globals.values()) {
            if (g.state != State.COMMON) continue;
            OutputSection bss = outputs.computeIfAbsent(".bss",
                    n -> new OutputSection(n, Elf.SHT_NOBITS, Elf.SHF_ALLOC | Elf.SHF_WRITE));
            bss.align = Math.max(bss.align, g.commonAlign);
            long at = alignUp(bss.size, g.commonAlign);
            g.section = bss;
            g.address = at;   // relative until the section has an address
            bss.size = at + g.commonSize;
        }
    }

    static long alignUp(long v, long align) {
        return align <= 1 ? v : (v + align - 1) / align * align;
    }

    // ---- symbols ------------------------------------------------------------------------------------------

    private void assignSymbolAddresses(Layout layout) {
        for (Global g : globals.values()) {
            if (g.state == State.COMMON) g.address += g.section.addr;
            if (g.state == State.SYNTHETIC) assignSynthetic(g, layout);
        }
        Global start = globals.get(entry);
        layout.entry = addressOf(start);
    }

    private void assignSynthetic(Global g, Layout layout) {
        long textEnd = BASE, dataEnd = BASE, bssEnd = BASE, bssStart = 0;
        for (Segment seg : layout.loads) {
            if ((seg.flags() & Elf.PF_X) != 0) textEnd = seg.vaddr() + seg.memsz();
            if ((seg.flags() & Elf.PF_W) != 0) {
                dataEnd = seg.vaddr() + seg.filesz();
                bssEnd = seg.vaddr() + seg.memsz();
            }
        }
        if (dataEnd == BASE) {
            Segment last = layout.loads.get(layout.loads.size() - 1);
            dataEnd = bssEnd = alignUp(last.vaddr() + last.memsz(), PAGE);
        }
        OutputSection bss = outputs.get(".bss");
        bssStart = bss != null ? bss.addr : dataEnd;
        g.address = switch (g.name) {
            case "__bss_start" -> bssStart;
            case "_edata", "edata" -> dataEnd;
            case "_end", "end" -> bssEnd;
            case "etext", "_etext", "__etext" -> textEnd;
            case "__executable_start", "__ehdr_start" -> BASE;
            case "__init_array_start" -> sectionStart(".init_array", dataEnd);
            case "__init_array_end" -> sectionEnd(".init_array", dataEnd);
            case "__fini_array_start" -> sectionStart(".fini_array", dataEnd);
            case "__fini_array_end" -> sectionEnd(".fini_array", dataEnd);
            case "__preinit_array_start" -> sectionStart(".preinit_array", dataEnd);
            case "__preinit_array_end" -> sectionEnd(".preinit_array", dataEnd);
            case "_GLOBAL_OFFSET_TABLE_" -> sectionStart(".got", dataEnd);
            default -> g.name.startsWith("__start_") ? g.section.addr : g.section.addr + g.section.size;
        };
        g.section = switch (g.name) {
            case "__init_array_start", "__init_array_end" -> outputs.get(".init_array");
            case "__fini_array_start", "__fini_array_end" -> outputs.get(".fini_array");
            case "__preinit_array_start", "__preinit_array_end" -> outputs.get(".preinit_array");
            case "_GLOBAL_OFFSET_TABLE_" -> outputs.get(".got");
            case "__bss_start", "_end", "end" -> bss;
            case "_edata", "edata", "etext", "_etext", "__etext", "__executable_start", "__ehdr_start" -> null;
            default -> g.section;   // __start_NAME, __stop_NAME
        };
    }

    private long sectionStart(String name, long otherwise) {
        OutputSection s = outputs.get(name);
        return s == null ? otherwise : s.addr;
    }

    private long sectionEnd(String name, long otherwise) {
        OutputSection s = outputs.get(name);
        return s == null ? otherwise : s.addr + s.size;
    }

    private long addressOf(Global g) {
        return switch (g.state) {
            case DEFINED -> symbolValue(g.definer, g.symbol);
            case COMMON, SYNTHETIC -> g.address;
            case UNDEFINED -> 0;
        };
    }

    private long symbolValue(Input in, Symbol s) {
        if (s.shndx() == Elf.SHN_ABS) return s.value();
        if (in.placed(s.shndx())) return in.address(s.shndx()) + s.value();
        return 0;
    }

    // ---- relocation ---------------------------------------------------------------------------------------

    private void fillSections() {
        for (OutputSection out : outputs.values()) {
            if (out.type == Elf.SHT_NOBITS) continue;
            out.data = new byte[(int) out.size];
            for (int i = 0; i < out.inputs.size(); i++) {
                Input in = out.inputs.get(i);
                Section s = in.elf.sections.get(out.sections.get(i));
                System.arraycopy(s.data, 0, out.data, (int) in.offset[s.index], s.data.length);
            }
        }
        OutputSection got = outputs.get(".got");
        Map<String, Long> gotValues = new HashMap<>();
        for (OutputSection out : outputs.values()) {
            if (out.data == null) continue;
            for (int i = 0; i < out.inputs.size(); i++) relocate(out, out.inputs.get(i), out.sections.get(i), gotValues);
        }
        if (got != null) {
            ByteBuffer b = ByteBuffer.wrap(got.data).order(ByteOrder.LITTLE_ENDIAN);
            gotValues.forEach((key, value) -> b.putLong(8 * gotSlots.get(key), value));
        }
    }

    private void relocate(OutputSection out, Input in, int shndx, Map<String, Long> gotValues) {
        Section s = in.elf.sections.get(shndx);
        ByteBuffer buf = ByteBuffer.wrap(out.data).order(ByteOrder.LITTLE_ENDIAN);
        long base = in.offset[shndx];
        long got = outputs.containsKey(".got") ? outputs.get(".got").addr : 0;
        for (Rela r : s.relocations) {
            Symbol sym = r.symbol() < in.elf.symbols.size() ? in.elf.symbols.get(r.symbol()) : NO_SYMBOL;
            Long target = targetAddress(in, sym, r.symbol(), s, r);
            if (target == null) continue;
            long S = target, A = r.addend(), P = out.addr + base + r.offset();
            int at = (int) (base + r.offset());
            String slotKey = usesGot(r.type()) ? gotKey(in, r.symbol(), r.type()) : null;
            if (slotKey != null && gotSlots.containsKey(slotKey)) {
                gotValues.put(slotKey, r.type() == Elf.R_X86_64_GOTTPOFF ? tpOffset(S) : S);
            }
            long slot = slotKey != null && gotSlots.containsKey(slotKey) ? got + 8L * gotSlots.get(slotKey) : 0;
            switch (r.type()) {
                case Elf.R_X86_64_NONE -> { }
                case Elf.R_X86_64_64 -> buf.putLong(at, S + A);
                case Elf.R_X86_64_PC64 -> buf.putLong(at, S + A - P);
                case Elf.R_X86_64_32 -> put32(buf, at, S + A, false, in, s, r, sym);
                case Elf.R_X86_64_32S -> put32(buf, at, S + A, true, in, s, r, sym);
                case Elf.R_X86_64_PC32, Elf.R_X86_64_PLT32 -> put32(buf, at, S + A - P, true, in, s, r, sym);
                case Elf.R_X86_64_GOTPCREL, Elf.R_X86_64_GOTPCRELX, Elf.R_X86_64_REX_GOTPCRELX ->
                        put32(buf, at, slot + A - P, true, in, s, r, sym);
                case Elf.R_X86_64_GOT32 -> put32(buf, at, slot - got + A, true, in, s, r, sym);
                case R_X86_64_GOTPC32 -> put32(buf, at, got + A - P, true, in, s, r, sym);
                case R_X86_64_GOTPC64 -> buf.putLong(at, got + A - P);
                case R_X86_64_GOTOFF64 -> buf.putLong(at, S + A - got);
                case Elf.R_X86_64_GOTTPOFF -> put32(buf, at, slot + A - P, true, in, s, r, sym);
                case Elf.R_X86_64_TPOFF32 -> put32(buf, at, tpOffset(S) + A, true, in, s, r, sym);
                case Elf.R_X86_64_TPOFF64 -> buf.putLong(at, tpOffset(S) + A);
                case Elf.R_X86_64_DTPOFF32 -> put32(buf, at, S - tlsBase() + A, true, in, s, r, sym);
                case Elf.R_X86_64_DTPOFF64 -> buf.putLong(at, S - tlsBase() + A);
                case R_X86_64_SIZE32 -> put32(buf, at, symbolSize(in, sym) + A, false, in, s, r, sym);
                case R_X86_64_SIZE64 -> buf.putLong(at, symbolSize(in, sym) + A);
                case Elf.R_X86_64_16 -> putSmall(buf, at, S + A, 16, false, in, s, r, sym);
                case Elf.R_X86_64_PC16 -> putSmall(buf, at, S + A - P, 16, true, in, s, r, sym);
                case Elf.R_X86_64_8 -> putSmall(buf, at, S + A, 8, false, in, s, r, sym);
                case Elf.R_X86_64_PC8 -> putSmall(buf, at, S + A - P, 8, true, in, s, r, sym);
                default -> errors.add(where(in, shndx, r.offset(), false) + ": unsupported relocation type "
                        + r.type() + " against `" + symbolLabel(in, sym) + "'");
            }
        }
    }

    private long tlsBase() {
        return layout.tls == null ? 0 : layout.tls.vaddr();
    }

    /** The S of a relocation; null (and an error recorded) when the symbol is undefined and not weak. */
    private Long targetAddress(Input in, Symbol sym, int index, Section s, Rela r) {
        if (index == 0) return 0L;
        if (sym.bind() == Elf.STB_LOCAL) {
            if (sym.type() == Elf.STT_SECTION) return in.placed(sym.shndx()) ? in.address(sym.shndx()) : 0L;
            return symbolValue(in, sym);
        }
        Global g = globals.get(sym.name());
        if (g == null) return 0L;   // a nameless global: nothing can define it
        if (g.state != State.UNDEFINED) return addressOf(g);
        if (!g.strongRef || sym.bind() == Elf.STB_WEAK) return 0L;
        if (!s.isAlloc()) return 0L;   // debug info about something absent: leave it 0, as ld does
        if (undefinedReports++ < MAX_UNDEFINED_REPORTS) {
            errors.add(withoutRepeatedFunction(where(in, s.index, r.offset(), false)) + ": undefined reference to `"
                    + sym.name() + "'");
        }
        return null;
    }

    private long symbolSize(Input in, Symbol sym) {
        if (sym.bind() != Elf.STB_LOCAL) {
            Global g = globals.get(sym.name());
            if (g.state == State.COMMON) return g.commonSize;
            if (g.state == State.DEFINED) return g.symbol.size();
        }
        return sym.size();
    }

    private void put32(ByteBuffer buf, int at, long v, boolean signed, Input in, Section s, Rela r, Symbol sym) {
        boolean fits = signed ? v == (int) v : (v >= 0 && v <= 0xFFFFFFFFL);
        if (!fits) truncated(in, s, r, sym);
        buf.putInt(at, (int) v);
    }

    private void putSmall(ByteBuffer buf, int at, long v, int bits, boolean signed, Input in, Section s, Rela r,
            Symbol sym) {
        // absolute 8- and 16-bit fields take signed or unsigned values, as ld's "bitfield" check does
        long min = -(1L << (bits - 1)), max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        if (v < min || v > max) truncated(in, s, r, sym);
        if (bits == 16) buf.putShort(at, (short) v);
        else buf.put(at, (byte) v);
    }

    private void truncated(Input in, Section s, Rela r, Symbol sym) {
        String msg = where(in, s.index, r.offset(), false) + ": relocation truncated to fit: " + relocationName(r.type())
                + " against " + (sym.type() == Elf.STT_SECTION ? "`" + symbolLabel(in, sym) + "'" : "symbol `" + sym.name() + "'");
        Global g = sym.bind() != Elf.STB_LOCAL ? globals.get(sym.name()) : null;
        if (g != null && g.state == State.DEFINED) {
            int shndx = g.symbol.shndx();
            String section = shndx == Elf.SHN_ABS ? "*ABS*" : g.definer.elf.sections.get(shndx).name;
            msg += " defined in " + section + " section in " + (shndx == Elf.SHN_ABS ? outputName : g.definer.name);
        }
        errors.add(withoutRepeatedFunction(msg));
    }

    /** Like ld, says "in function `f':" only when it differs from the previous message's. */
    private String withoutRepeatedFunction(String where) {
        int nl = where.indexOf('\n');
        String context = nl < 0 ? null : where.substring(0, nl);
        String previous = lastFunctionContext;
        lastFunctionContext = context;
        return context != null && context.equals(previous) ? where.substring(nl + 1) : where;
    }

    private static String symbolLabel(Input in, Symbol sym) {
        if (sym.type() == Elf.STT_SECTION && sym.shndx() < in.elf.sections.size()) return in.elf.sections.get(sym.shndx()).name;
        return sym.name();
    }

    static String relocationName(int type) {
        return switch (type) {
            case Elf.R_X86_64_64 -> "R_X86_64_64";
            case Elf.R_X86_64_PC32 -> "R_X86_64_PC32";
            case Elf.R_X86_64_PLT32 -> "R_X86_64_PLT32";
            case Elf.R_X86_64_32 -> "R_X86_64_32";
            case Elf.R_X86_64_32S -> "R_X86_64_32S";
            case Elf.R_X86_64_GOTPCREL -> "R_X86_64_GOTPCREL";
            case Elf.R_X86_64_GOTPCRELX -> "R_X86_64_GOTPCRELX";
            case Elf.R_X86_64_REX_GOTPCRELX -> "R_X86_64_REX_GOTPCRELX";
            case Elf.R_X86_64_TPOFF32 -> "R_X86_64_TPOFF32";
            case Elf.R_X86_64_GOTTPOFF -> "R_X86_64_GOTTPOFF";
            case Elf.R_X86_64_16 -> "R_X86_64_16";
            case Elf.R_X86_64_PC16 -> "R_X86_64_PC16";
            case Elf.R_X86_64_8 -> "R_X86_64_8";
            case Elf.R_X86_64_PC8 -> "R_X86_64_PC8";
            default -> "relocation type " + type;
        };
    }

    /**
     * Where something is, in ld's words: {@code x.o: in function `f':\nx.c:(.text+0x5)} inside a function,
     * {@code x.o:(.data+0x0)} elsewhere; "first defined here" spells the function case {@code x.o:x.c:(...)}.
     */
    private static String where(Input in, int shndx, long offset, boolean firstDefined) {
        String section = shndx < in.elf.sections.size() && shndx > 0 ? in.elf.sections.get(shndx).name : "*ABS*";
        String loc = "(" + section + "+0x" + Long.toHexString(offset) + ")";
        String function = functionAt(in, shndx, offset);
        if (function == null) return in.name + ":" + loc;
        String source = in.source == null ? "" : in.source + ":";
        if (firstDefined) return in.name + ":" + source + loc;
        return in.name + ": in function `" + function + "':\n" + source + loc;
    }

    private static String functionAt(Input in, int shndx, long offset) {
        String best = null;
        for (Symbol s : in.elf.symbols) {
            if (s.type() != Elf.STT_FUNC || s.shndx() != shndx) continue;
            if (offset >= s.value() && (offset < s.value() + s.size() || (s.size() == 0 && offset == s.value()))) {
                if (best == null || s.bind() == Elf.STB_LOCAL) best = s.name();
            }
        }
        return best;
    }

    // ---- what the writer needs ----------------------------------------------------------------------------

    /** Output sections in file order, allocated ones first. */
    List<OutputSectionView> outputSections() {
        List<OutputSectionView> views = new ArrayList<>();
        for (OutputSection s : allocated) views.add(view(s));
        for (OutputSection s : outputs.values()) {
            if (!s.alloc()) views.add(view(s));
        }
        return views;
    }

    private static OutputSectionView view(OutputSection s) {
        return new OutputSectionView(s.name, s.type, s.flags, s.align, s.size, s.addr, s.fileOffset, s.data,
                s.type == Elf.SHT_INIT_ARRAY || s.type == Elf.SHT_FINI_ARRAY || s.type == SHT_PREINIT_ARRAY ? 8 : s.entsize);
    }

    /** A finished output section as the writer sees it. */
    record OutputSectionView(String name, int type, long flags, long align, long size, long addr, long fileOffset,
            byte[] data, long entsize) {}

    /** One symbol for the output .symtab; section is an output section name, "*ABS*" or null (undefined). */
    record OutputSymbol(String name, int info, String section, long value, long size) {}

    /** A symbol's st_value in the output: its address, or for a TLS symbol its offset in the TLS segment. */
    private long outputValue(Input in, Symbol s) {
        long v = symbolValue(in, s);
        return s.type() == Elf.STT_TLS ? v - tlsBase() : v;
    }

    /** The output symbol table: each object's FILE and local symbols, then the globals (locals first, as ELF wants). */
    List<OutputSymbol> outputSymbols() {
        List<OutputSymbol> syms = new ArrayList<>();
        for (Input in : inputs) {
            for (int i = 1; i < Math.min(in.elf.firstGlobal, in.elf.symbols.size()); i++) {
                Symbol s = in.elf.symbols.get(i);
                if (s.type() == Elf.STT_SECTION) continue;
                if (s.type() == Elf.STT_FILE) {
                    syms.add(new OutputSymbol(s.name(), s.info(), "*ABS*", 0, 0));
                } else if (s.shndx() == Elf.SHN_ABS) {
                    syms.add(new OutputSymbol(s.name(), s.info(), "*ABS*", s.value(), s.size()));
                } else if (in.placed(s.shndx()) && in.out[s.shndx()].alloc()) {
                    syms.add(new OutputSymbol(s.name(), s.info(), in.out[s.shndx()].name, outputValue(in, s), s.size()));
                }
            }
        }
        for (Global g : globals.values()) {
            switch (g.state) {
                case DEFINED -> {
                    Symbol s = g.symbol;
                    if (s.shndx() != Elf.SHN_ABS && !g.definer.placed(s.shndx())) continue;   // in a dropped section
                    String section = s.shndx() == Elf.SHN_ABS ? "*ABS*" : g.definer.out[s.shndx()].name;
                    syms.add(new OutputSymbol(g.name, s.info(), section, outputValue(g.definer, s), s.size()));
                }
                case COMMON -> syms.add(new OutputSymbol(g.name, Elf.stInfo(Elf.STB_GLOBAL, Elf.STT_OBJECT), ".bss",
                        g.address, g.commonSize));
                case SYNTHETIC -> syms.add(new OutputSymbol(g.name, Elf.stInfo(Elf.STB_GLOBAL, Elf.STT_NOTYPE),
                        g.section != null ? g.section.name : "*ABS*", g.address, 0));
                case UNDEFINED -> syms.add(new OutputSymbol(g.name, Elf.stInfo(Elf.STB_WEAK, Elf.STT_NOTYPE), null, 0, 0));
            }
        }
        return syms;
    }
}
