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

/** Decodes every instruction of an assembled corpus and checks lengths (and text) against objdump -d. */
class DecoderCorpusTest {
    static final long TEXT = 0x401000;

    @TempDir
    Path dir;

    @BeforeAll
    static void needTools() {
        assumeTrue(GnuAs.available(), "GNU binutils are not installed");
    }

    /** One objdump line: address, encoded bytes, and the text after them. */
    record Line(long address, int length, String text) {
    }

    static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t((?:[0-9a-f]{2} )+)\\s*\\t?(.*)$");

    /** Assembles the corpus, links it at TEXT, and returns objdump's lines (continuation lines merged). */
    static List<Line> objdump(Path dir, List<String> corpus, FlatMemory mem) throws Exception {
        Files.writeString(dir.resolve("c.s"), ".globl _start\n.text\n_start:\n" + String.join("\n", corpus) + "\n");
        GnuAs.run(dir, List.of("as", "--64", "-o", "c.o", "c.s"));
        GnuAs.run(dir, List.of("ld", "-static", "-nostdlib", "-Ttext=0x401000", "-o", "c", "c.o"));
        GnuAs.run(dir, List.of("objcopy", "-O", "binary", "-j", ".text", "c", "c.bin"));
        mem.load(TEXT, Files.readAllBytes(dir.resolve("c.bin")));
        String out = GnuAs.run(dir, List.of("objdump", "-d", "--no-show-raw-insn", "-w", "c"));
        String raw = GnuAs.run(dir, List.of("objdump", "-d", "-w", "c"));
        List<Line> lines = new ArrayList<>();
        for (String s : raw.split("\n")) {
            Matcher m = LINE.matcher(s);
            if (m.matches()) {
                int n = m.group(2).trim().split(" ").length;
                lines.add(new Line(Long.parseLong(m.group(1), 16), n, m.group(3).trim()));
            }
        }
        assertTrue(lines.size() > 100, "objdump output parsed: " + out.length());
        return lines;
    }

    @Test
    void lengthsMatchObjdump() throws Exception {
        FlatMemory mem = new FlatMemory(0x400000, 0x100000);
        List<String> corpus = Corpus.instructions();
        List<Line> lines = objdump(dir, corpus, mem);
        assertEquals(corpus.size(), lines.size(), "one objdump line per corpus instruction");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Instruction insn = Decoder.decode(mem, line.address());
            assertEquals(line.length(), insn.length, "length of '" + corpus.get(i) + "' (objdump: " + line.text()
                    + ") decoded as " + insn);
        }
    }
}
