package dev.boardup.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.cpu.exec.FlatMemory;
import dev.boardup.cpu.exec.GnuAs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The disassembler's text must equal objdump -d's, line by line, over the instruction corpus. */
class DisassemblerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needTools() {
        assumeTrue(GnuAs.available(), "GNU binutils are not installed");
    }

    /** gcc output at several optimisation levels (SSE vectorised loops, atomics, 128-bit math), decoded and printed. */
    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O2", "-O3", "-Os"})
    void matchesObjdumpOnCompiledCode(String level) throws Exception {
        assumeTrue(GnuAs.available(), "gcc is not installed");
        try (var in = DisassemblerTest.class.getResourceAsStream("compiled-sample.c")) {
            Files.write(dir.resolve("s.c"), in.readAllBytes());
        }
        GnuAs.run(dir, List.of("gcc", level, "-static", "-nostdlib", "-ffreestanding", "-fno-pie", "-no-pie",
                "-fno-math-errno", "-Wl,--unresolved-symbols=ignore-all", "-o", "s", "s.c"));
        GnuAs.run(dir, List.of("objcopy", "-O", "binary", "-j", ".text", "s", "s.bin"));
        String headers = GnuAs.run(dir, List.of("objdump", "-h", "-w", "s"));
        Matcher text = Pattern.compile("\\.text\\s+([0-9a-f]+)\\s+([0-9a-f]+)").matcher(headers);
        assertTrue(text.find(), headers);
        long base = Long.parseLong(text.group(2), 16);
        byte[] code = Files.readAllBytes(dir.resolve("s.bin"));
        FlatMemory mem = new FlatMemory(base, code.length + 16);
        mem.load(base, code);
        List<String> mismatches = new ArrayList<>();
        int lines = 0;
        for (String s : GnuAs.run(dir, List.of("objdump", "-d", "-w", "-j", ".text", "s")).split("\n")) {
            Matcher m = DecoderCorpusTest.LINE.matcher(s);
            if (!m.matches()) {
                continue;
            }
            lines++;
            long address = Long.parseLong(m.group(1), 16);
            // Symbols are not ours to know: "call 401000 <f>" and "# 404010 <x>" become plain addresses.
            String expected = m.group(3).replaceAll("\\s+$", "").replaceAll("(?<![0-9a-fx])([0-9a-f]+) <[^>]*>", "0x$1");
            Instruction insn;
            try {
                insn = Decoder.decode(mem, address);
            } catch (RuntimeException e) {
                mismatches.add(String.format("%x: objdump '%s' ours %s", address, expected, e));
                continue;
            }
            String actual = Disassembler.format(insn);
            if (!expected.equals(actual)) {
                mismatches.add(String.format("%x: objdump '%s' ours '%s'", address, expected, actual));
            }
        }
        assertTrue(lines > 100, "objdump lines: " + lines);
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                mismatches.size() + " lines differ");
    }

    @Test
    void matchesObjdumpOnCorpus() throws Exception {
        List<String> corpus = Corpus.instructions();
        Files.writeString(dir.resolve("d.s"), ".text\n" + String.join("\n", corpus) + "\n");
        GnuAs.run(dir, List.of("as", "--64", "-o", "d.o", "d.s"));
        GnuAs.run(dir, List.of("objcopy", "-O", "binary", "-j", ".text", "d.o", "d.bin"));
        byte[] text = Files.readAllBytes(dir.resolve("d.bin"));
        FlatMemory mem = new FlatMemory(0, text.length + 16);
        mem.load(0, text);
        String dump = GnuAs.run(dir, List.of("objdump", "-d", "-w", "d.o"));
        List<String> mismatches = new ArrayList<>();
        int lines = 0;
        for (String s : dump.split("\n")) {
            Matcher m = DecoderCorpusTest.LINE.matcher(s);
            if (!m.matches()) {
                continue;
            }
            lines++;
            long address = Long.parseLong(m.group(1), 16);
            String expected = m.group(3).replaceAll("\\s+$", "");
            String actual = Disassembler.format(Decoder.decode(mem, address));
            if (!expected.equals(actual)) {
                mismatches.add(String.format("%x: objdump '%s' ours '%s'", address, expected, actual));
            }
        }
        assertEquals(corpus.size(), lines);
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                mismatches.size() + " lines differ");
    }
}
