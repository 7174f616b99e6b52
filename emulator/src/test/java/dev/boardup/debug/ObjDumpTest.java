package dev.boardup.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boardup objdump -d} line by line against GNU objdump -d. */
class ObjDumpTest {
    private static final String PROGRAM = """
            long counter;
            static long table[4] = {1, 2, 3, 4};
            static long square(long v) { return v * v; }
            long sum(long n) { long s = 0; for (long i = 0; i < n; i++) s += square(i) + table[i & 3]; return s; }
            __attribute__((noinline)) int pick(int k, int a, int b) {
                switch (k) { case 0: return a; case 1: return b; case 2: return a - b; default: return a * b; }
            }
            void _start(void) {
                counter = sum(10) + pick((int) counter, 3, 4);
                __asm__ volatile("mov %0, %%rdi\\n mov $60, %%eax\\n syscall" :: "r"(counter & 0xff) : "rdi", "rax");
            }
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void check() throws Exception {
        Tools.Result r = Tools.run(dir, List.of("objdump", "--version"));
        org.junit.jupiter.api.Assumptions.assumeTrue(r.status() == 0, "GNU objdump is not installed");
    }

    private static void assertSameAsGnu(Path file) throws Exception {
        String gnu = Tools.run(dir, List.of("objdump", "-d", file.getFileName().toString())).output();
        String ours = ObjDump.disassemble(file.getFileName().toString(), Files.readAllBytes(file));
        String[] g = gnu.split("\n", -1), o = ours.split("\n", -1);
        for (int i = 0; i < Math.min(g.length, o.length); i++) {
            assertEquals(g[i], o[i], "line " + (i + 1) + " of objdump -d " + file.getFileName());
        }
        assertEquals(g.length, o.length, "number of lines\n" + ours);
    }

    @Test
    void aNostdlibExecutableDisassemblesAsGnuObjdumpDoes() throws Exception {
        assertSameAsGnu(Tools.gcc(dir, "prog", PROGRAM, "-static", "-nostdlib", "-ffreestanding", "-O1", "-g",
                "-fno-pie", "-no-pie", "-fcf-protection=none"));
    }

    @Test
    void optimizedCodeWithAlignmentPaddingToo() throws Exception {
        assertSameAsGnu(Tools.gcc(dir, "prog2", PROGRAM, "-static", "-nostdlib", "-ffreestanding", "-O2",
                "-fno-pie", "-no-pie", "-falign-functions=32"));
    }

    @Test
    void anObjectFileNamesTargetsWithinItsOwnSections() throws Exception {
        Path src = dir.resolve("obj.c");
        Files.writeString(src, PROGRAM);
        Tools.Result r = Tools.run(dir, List.of("gcc", "-c", "-O1", "-ffunction-sections", "-fcf-protection=none",
                "-o", "obj.o", "obj.c"));
        assertEquals(0, r.status(), r.output());
        assertSameAsGnu(dir.resolve("obj.o"));
    }

    @Test
    void theCommandLinePrintsTheListingAndRefusesBadFiles() throws Exception {
        Path exe = Tools.gcc(dir, "cli", PROGRAM, "-static", "-nostdlib", "-O1", "-fno-pie", "-no-pie");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(new PrintStream(out, true), new PrintStream(err, true), "objdump", "-d",
                exe.toString());
        assertEquals(0, status, err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(">:\n"), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("(?s).*\n0000000000401[0-9a-f]{3} <_start>:\n.*"));

        Path text = dir.resolve("notelf");
        Files.writeString(text, "hello");
        out.reset();
        err.reset();
        status = Main.execute(new PrintStream(out, true), new PrintStream(err, true), "objdump", "-d",
                text.toString(), dir.resolve("missing").toString());
        assertEquals(1, status);
        assertEquals("boardup objdump: " + text + ": file format not recognized\n"
                + "boardup objdump: '" + dir.resolve("missing") + "': No such file\n", err.toString());
    }
}
