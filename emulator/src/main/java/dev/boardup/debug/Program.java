package dev.boardup.debug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the debugger knows of the program from its ELF file: symbols (to name addresses as gdb does,
 * {@code <main+8>}), the DWARF line table, and the source files it names.
 */
final class Program {
    /** A thread-local variable: its value is an offset into the TLS block, not an address. */
    private static final int STT_TLS = 6;
    private final Path path;
    final ElfImage elf;
    final DwarfLines lines;
    /** Functions and objects by address: the best symbol naming each address, as ObjDump picks it. */
    private final TreeMap<Long, ElfImage.Symbol> byAddress = new TreeMap<>();
    private final Map<String, ElfImage.Symbol> byName = new HashMap<>();
    private final Map<String, List<String>> sources = new HashMap<>();

    Program(Path path, byte[] bytes) {
        this.path = path;
        this.elf = ElfImage.parse(bytes);
        this.lines = DwarfLines.of(elf);
        for (ElfImage.Symbol s : elf.symbols) {
            if (s.name().isEmpty() || s.type() == ElfImage.STT_SECTION || s.type() == ElfImage.STT_FILE
                    || s.type() == STT_TLS
                    || s.section() == 0 || s.section() >= 0xFF00) {
                continue;
            }
            byAddress.merge(s.value(), s, (a, b) -> preferred(a, b) ? a : b);
            byName.merge(s.name(), s, (a, b) -> a.bind() != ElfImage.STB_LOCAL ? a : b);
        }
    }

    /** gdb's and objdump's choice among symbols at one address: a function, then a global, then the first. */
    private static boolean preferred(ElfImage.Symbol a, ElfImage.Symbol b) {
        if ((a.type() == ElfImage.STT_FUNC) != (b.type() == ElfImage.STT_FUNC)) return a.type() == ElfImage.STT_FUNC;
        if ((a.bind() == ElfImage.STB_LOCAL) != (b.bind() == ElfImage.STB_LOCAL)) return a.bind() != ElfImage.STB_LOCAL;
        return true;
    }

    ElfImage.Symbol symbol(String name) {
        return byName.get(name);
    }

    /** The symbol at or below {@code va} that covers it (its size, or up to the next symbol when it has none). */
    ElfImage.Symbol containing(long va) {
        var floor = byAddress.floorEntry(va);
        if (floor == null) return null;
        ElfImage.Symbol s = floor.getValue();
        if (s.size() > 0 && va >= s.value() + s.size()) return null;
        return s;
    }

    /** The end of the function starting at {@code start}: its size, or the next symbol. */
    long functionEnd(ElfImage.Symbol f) {
        if (f.size() > 0) return f.value() + f.size();
        Long next = byAddress.higherKey(f.value());
        return next != null ? next : f.value() + 1;
    }

    /** gdb's {@code <main+8>} for an address, or "" when no symbol covers it. */
    String label(long va) {
        ElfImage.Symbol s = containing(va);
        if (s == null) return "";
        return "<" + s.name() + (va == s.value() ? "" : "+" + (va - s.value())) + ">";
    }

    /** The name of the function holding {@code va}, or "??". */
    String function(long va) {
        ElfImage.Symbol s = containing(va);
        return s == null ? "??" : s.name();
    }

    /** The text of a source line, looked for as recorded and next to the program; null when it cannot be read. */
    String sourceLine(String file, int line) {
        List<String> text = sources.computeIfAbsent(file, this::readSource);
        return text != null && line >= 1 && line <= text.size() ? text.get(line - 1) : null;
    }

    private List<String> readSource(String file) {
        Path dir = path.toAbsolutePath().getParent();
        for (Path candidate : List.of(Path.of(file), dir.resolve(file), dir.resolve(Path.of(file).getFileName()))) {
            try {
                return Files.readAllLines(candidate, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                // not here; try the next place
            }
        }
        return null;
    }
}
