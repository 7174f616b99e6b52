package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.toolchain.elf.Elf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Asserts that our object matches GNU as's for the same source: section bytes and headers, symbols, relocations (in
 * order) and the decoded line table. Only what gas adds from .cfi (.eh_frame) and its .debug_line_str strings differ.
 */
final class ObjectComparison {
    private ObjectComparison() {}

    private static final Set<String> SKIPPED = Set.of(".eh_frame", ".symtab", ".strtab", ".shstrtab", ".debug_line",
            ".debug_line_str");

    static void assertSameAsGas(Path dir, String name, String source) throws IOException {
        byte[] gasImage = Gas.assemble(dir, name, source);
        byte[] ourImage = Assembler.assemble(source, name + ".s");
        Files.write(dir.resolve(name + ".our.o"), ourImage);
        ElfObject gas = new ElfObject(gasImage);
        ElfObject ours = new ElfObject(ourImage);
        // Without its own .debug_info, the source gets the assembler's compile unit, whose .debug_str holds the
        // assembler's working directory and name: everything else must match.
        boolean generatedUnit = !source.contains(".debug_info");
        compareSections(name, gas, ours, generatedUnit);
        compareSymbols(name, gas, ours);
        compareRelocations(name, gas, ours, generatedUnit);
        compareLineTables(dir, name, gas);
    }

    private static void compareSections(String name, ElfObject gas, ElfObject ours, boolean generatedUnit) {
        for (ElfObject.SectionHeader g : gas.sections) {
            if (g.type() == Elf.SHT_NULL || g.type() == Elf.SHT_RELA || SKIPPED.contains(g.name())) continue;
            if (generatedUnit && g.name().equals(".debug_str")) continue;
            ElfObject.SectionHeader o = ours.section(g.name());
            assertNotNull(o, name + ": missing section " + g.name());
            String where = name + " section " + g.name();
            assertEquals(g.type(), o.type(), where + " type");
            assertEquals(g.flags(), o.flags(), where + " flags");
            assertEquals(g.entsize(), o.entsize(), where + " entsize");
            assertEquals(g.align(), o.align(), where + " alignment");
            assertEquals(g.size(), o.size(), where + " size");
            byte[] expected = gas.contents(g);
            byte[] actual = ours.contents(o);
            if (!java.util.Arrays.equals(expected, actual)) {
                int i = java.util.Arrays.mismatch(expected, actual);
                assertArrayEquals(expected, actual, where + " differs at offset 0x" + Integer.toHexString(i)
                        + ": gas " + hex(expected, i) + " ours " + hex(actual, i));
            }
        }
        for (ElfObject.SectionHeader o : ours.sections) {
            if (o.type() == Elf.SHT_NULL) continue;
            assertNotNull(gas.section(o.name()), name + ": unexpected section " + o.name());
        }
    }

    private static String hex(byte[] b, int from) {
        int to = Math.min(b.length, from + 12);
        return from >= b.length ? "<end>" : HexFormat.ofDelimiter(" ").formatHex(b, from, to);
    }

    private static List<ElfObject.Sym> namedSymbols(ElfObject o) {
        return o.symbols.stream().skip(1).filter(s -> s.type() != Elf.STT_SECTION)
                .sorted(Comparator.comparing(ElfObject.Sym::name).thenComparing(ElfObject.Sym::section)).toList();
    }

    /** Names in symbol-table order; section symbols are left out since gas adds some for .eh_frame. */
    private static List<String> symbolOrder(ElfObject o) {
        return o.symbols.stream().skip(1).filter(s -> s.type() != Elf.STT_SECTION).map(ElfObject.Sym::name).toList();
    }

    private static void compareSymbols(String name, ElfObject gas, ElfObject ours) {
        assertEquals(namedSymbols(gas).toString().replace("), ", "),\n"),
                namedSymbols(ours).toString().replace("), ", "),\n"), name + ": symbol tables");
        assertEquals(symbolOrder(gas), symbolOrder(ours), name + ": symbol table order");
        for (int i = 1; i < ours.symbols.size(); i++) {
            boolean local = ours.symbols.get(i).bind() == Elf.STB_LOCAL;
            assertEquals(i < ours.firstGlobal, local, name + ": symbol " + ours.symbols.get(i).name()
                    + " on the wrong side of sh_info " + ours.firstGlobal);
        }
    }

    private static void compareRelocations(String name, ElfObject gas, ElfObject ours, boolean generatedUnit) {
        for (var e : gas.relocations.entrySet()) {
            if (SKIPPED.contains(e.getKey())) continue;
            List<ElfObject.Reloc> expected = e.getValue();
            List<ElfObject.Reloc> actual = ours.relocations.getOrDefault(e.getKey(), List.of());
            if (generatedUnit) {
                expected = withoutStrings(expected);
                actual = withoutStrings(actual);
            }
            assertEquals(expected.toString().replace("), ", "),\n"), actual.toString().replace("), ", "),\n"),
                    name + ": relocations for " + e.getKey());
        }
        for (String section : ours.relocations.keySet()) {
            assertTrue(SKIPPED.contains(section) || gas.relocations.containsKey(section),
                    name + ": unexpected relocations for " + section);
        }
    }

    private static List<ElfObject.Reloc> withoutStrings(List<ElfObject.Reloc> relocations) {
        return relocations.stream().filter(r -> !r.symbol().equals(".debug_str")).toList();
    }

    private static void compareLineTables(Path dir, String name, ElfObject gas) throws IOException {
        if (gas.section(".debug_line") == null) return;
        assertEquals(decodedLines(dir, name + ".gas.o"), decodedLines(dir, name + ".our.o"), name + ": line table");
    }

    private static String decodedLines(Path dir, String object) throws IOException {
        String text = Gas.check(List.of("objdump", "--dwarf=decodedline", object), dir).stdout();
        return text.substring(text.indexOf("Contents of the"));
    }
}
