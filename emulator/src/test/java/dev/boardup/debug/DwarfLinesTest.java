package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Our .debug_line reader against objdump's decoded line table, for gcc's DWARF 5 (its default) and DWARF 4. */
class DwarfLinesTest {
    private static final String PROGRAM = """
            static long sys(long n, long a) {
                long r;
                __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
                return r;
            }
            __attribute__((noinline)) static int square(int x) {
                return x * x;
            }
            int table[16];
            void _start(void) {
                int total = 0;
                for (int i = 0; i < 16; i++) {
                    table[i] = square(i);
                    total += table[i];
                }
                sys(60, total & 0x7f);
            }
            """;
    private static final Pattern ROW = Pattern.compile("^\\S+\\s+(\\d+|-)\\s+(0x[0-9a-f]+)(?:\\s+\\d+)?\\s*(x?)\\s*$");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"-gdwarf-5", "-gdwarf-4"})
    void rowsAreObjdumpsDecodedLines(String dwarf) throws Exception {
        Path exe = Tools.gcc(dir, "lines", PROGRAM, dwarf, "-O2", "-static", "-nostdlib", "-ffreestanding",
                "-fno-pie", "-no-pie");
        String decoded = Tools.run(dir, List.of("objdump", "--dwarf=decodedline", exe.toString())).output();
        List<String> expected = new ArrayList<>();
        for (String line : decoded.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) continue;
            long address = Long.parseUnsignedLong(m.group(2).substring(2), 16);
            expected.add(m.group(1).equals("-") ? String.format("end %x", address)
                    : String.format("%s %x%s", m.group(1), address, m.group(3).isEmpty() ? "" : " stmt"));
        }
        DwarfLines lines = DwarfLines.of(ElfImage.parse(Files.readAllBytes(exe)));
        List<String> ours = new ArrayList<>();
        for (DwarfLines.Row r : lines.rows()) {
            ours.add(r.end() ? String.format("end %x", r.address())
                    : String.format("%d %x%s", r.line(), r.address(), r.isStmt() ? " stmt" : ""));
        }
        assertTrue(expected.size() > 10, decoded);
        assertEquals(expected.stream().sorted().toList(), ours.stream().sorted().toList());
        for (DwarfLines.Row r : lines.rows()) {
            assertTrue(r.end() || r.file().equals("lines.c"), "file names as recorded: " + r);
        }
    }
}
