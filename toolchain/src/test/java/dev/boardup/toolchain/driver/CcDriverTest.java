package dev.boardup.toolchain.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boardup cc} end to end: each stage through the driver, outputs run natively, and its error exits. */
class CcDriverTest {
    @TempDir Path dir;
    private String savedHome;

    /** What one driver run printed and returned. */
    record Result(int exit, String out, String err) {}

    @BeforeEach
    void pointHomeAtTempDir() throws IOException {
        savedHome = System.getProperty("boardup.home");
        System.setProperty("boardup.home", dir.resolve("home").toString());
        try (InputStream in = CcDriverTest.class.getResourceAsStream("/ld/start.s")) {
            Files.write(dir.resolve("start.s"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("hello.c"), """
                #define GREETING "hello, world\\n"
                long sys_write(int fd, const void *buf, unsigned long n);
                static const char msg[] = GREETING;
                int counter = 42;
                int main(void) { sys_write(1, msg, sizeof msg - 1); return counter - 40; }
                """);
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) System.clearProperty("boardup.home");
        else System.setProperty("boardup.home", savedHome);
    }

    /** Runs the driver in-process with relative paths resolved against the temp dir. */
    Result cc(String... args) {
        List<String> resolved = new ArrayList<>();
        for (String a : args) {
            boolean file = !a.startsWith("-") && (a.contains(".") || a.startsWith("prog"));
            resolved.add(file ? dir.resolve(a).toString() : a);
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = CcDriver.run(new PrintWriter(out), new PrintWriter(err), resolved.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    record Native(int exit, String out) {}

    Native runNative(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Native(p.waitFor(), out);
    }

    @Test
    void preprocessesWithDashE() throws Exception {
        Result r = cc("-E", "-DEXTRA=7", "hello.c");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("# 1 \"" + dir.resolve("hello.c") + "\"\n"), r.out);
        assertTrue(r.out.contains("static const char msg[] = \"hello, world\\n\";"), r.out);
        Result p = cc("-E", "-P", "-o", "hello.i", "hello.c");
        assertEquals(0, p.exit, p.err);
        assertTrue(Files.readString(dir.resolve("hello.i")).startsWith("long sys_write"));
    }

    @Test
    void standardSelectsStdcVersionAndDashOMinusIsStandardOutput() throws Exception {
        Files.writeString(dir.resolve("v.c"), "__STDC_VERSION__\n");
        assertEquals("199901L\n", cc("-E", "-P", "-std=c99", "v.c").out);
        assertEquals("201710L\n", cc("-E", "-P", "-std=gnu17", "-o", "-", "v.c").out);
        assertEquals("201112L\n", cc("-E", "-P", "v.c").out);
        assertEquals("__STDC_VERSION__\n", cc("-E", "-P", "-std=c89", "v.c").out);
    }

    @Test
    void assemblesWithDashCAndLinksObjects() throws Exception {
        Result s = cc("-c", "-o", "start.o", "start.s");
        assertEquals(0, s.exit, s.err);
        Native symbols = runNative("nm", "start.o");
        assertTrue(symbols.out.contains(" T _start") && symbols.out.contains(" U main"), symbols.out);
        Result c = cc("-c", "-O2", "-Wall", "-std=c11", "-o", "hello.o", "hello.c");
        assertEquals(0, c.exit, c.err);
        Result link = cc("-nostdlib", "-static", "-o", "prog", "start.o", "hello.o");
        assertEquals(0, link.exit, link.err);
        assertEquals(new Native(2, "hello, world\n"), runNative("./prog"));
    }

    @Test
    void compilesAssemblesAndLinksInOneGo() throws Exception {
        Files.writeString(dir.resolve("twice.S"), """
                # twice(x): an assembler comment, which isn't a directive
                #define TWICE(r) add r, r
                    .globl twice
                twice:
                    mov %edi, %eax
                    TWICE(%eax)
                    ret
                    .section .note.GNU-stack,"",@progbits
                """);
        Files.writeString(dir.resolve("main.c"), """
                int twice(int);
                int main(void) { return twice(21); }
                """);
        Result r = cc("-nostdlib", "-o", "prog", "start.s", "twice.S", "main.c");
        assertEquals(0, r.exit, r.err);
        assertEquals(42, runNative("./prog").exit);
    }

    /** A program leaning on the preprocessor (guards, X-macros, # and ##, __VA_OPT__), built by us and by gcc. */
    @Test
    void macroHeavyProgramRunsLikeGccs() throws Exception {
        for (String f : List.of("util.h", "prog.c")) {
            try (InputStream in = CcDriverTest.class.getResourceAsStream("/driver/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        Result r = cc("-nostdlib", "-O2", "-o", "prog", "start.s", "prog.c");
        assertEquals(0, r.exit, r.err);
        Native ours = runNative("./prog");
        assertEquals(0, runNative("gcc", "-std=c2x", "-O2", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-nostdlib",
                "-static", "-o", "gccprog", "start.s", "prog.c").exit);
        Native theirs = runNative("./gccprog");
        assertEquals(theirs.exit, ours.exit);
        assertEquals(theirs.out.replace("gcc x86-64", "boardup x86-64"), ours.out);
        assertTrue(ours.out.contains("TWICE(TWICE(5)) = 20\n(int) ARRAY_SIZE(names) = 3\nCOLOR_blue | COLOR_green = 6\nred green blue\nline 27\n"), ours.out);
    }

    @Test
    void linksTheGuestLibcByDefault() throws Exception {
        Path libc = Files.createDirectories(dir.resolve("home/guest-libc/target"));
        // a stand-in libc: crt1.o holds _start, libc.a holds sys_write
        Files.writeString(dir.resolve("crt.s"), "    .globl _start\n_start:\n    call main\n    mov %eax, %edi\n"
                + "    mov $60, %eax\n    syscall\n");
        Files.writeString(dir.resolve("sys.s"), "    .globl sys_write\nsys_write:\n    mov $1, %eax\n    syscall\n    ret\n");
        assertEquals(0, cc("-c", "-o", "home/guest-libc/target/crt1.o", "crt.s").exit);
        assertEquals(0, cc("-c", "-o", "sys.o", "sys.s").exit);
        assertEquals(0, runNative("ar", "rcs", libc.resolve("libc.a").toString(), "sys.o").exit);
        Result r = cc("-o", "prog", "hello.c", "-lm");
        assertEquals(0, r.exit, r.err);
        assertEquals(new Native(2, "hello, world\n"), runNative("./prog"));
        System.clearProperty("boardup.home");
        Result sysroot = cc("--sysroot=" + libc, "-o", "prog2", "hello.c");
        assertEquals(0, sysroot.exit, sysroot.err);
        assertEquals(new Native(2, "hello, world\n"), runNative("./prog2"));
    }

    @Test
    void versionIsOneLine() {
        Result r = cc("--version");
        assertEquals(0, r.exit);
        assertTrue(r.out.startsWith("boardup cc ") && r.out.lines().count() == 1, r.out);
    }

    @Test
    void makeDependenciesLikeGcc() throws Exception {
        for (String f : List.of("util.h", "prog.c")) {
            try (InputStream in = CcDriverTest.class.getResourceAsStream("/driver/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        Result mm = cc("-MM", "prog.c");
        assertEquals(0, mm.exit, mm.err);
        String d = dir.resolve("prog.c") + " " + dir.resolve("util.h");
        assertEquals("prog.o: " + d + "\n", mm.out.replace(" \\\n", ""));
        Files.createDirectories(dir.resolve("objs"));
        Result md = cc("-c", "-MMD", "-MP", "-o", "objs/prog.o", "prog.c");
        assertEquals(0, md.exit, md.err);
        assertEquals(dir.resolve("objs/prog.o") + ": " + d + "\n" + dir.resolve("util.h") + ":\n",
                Files.readString(dir.resolve("objs/prog.d")).replace(" \\\n", ""));
        Result nowhere = cc("-c", "-o", "nodir/prog.o", "prog.c");
        assertEquals(new Result(1, "", "boardup cc: error: cannot write " + dir.resolve("nodir/prog.o")
                + ": No such file or directory\n"), nowhere);
    }

    @Test
    void withoutGuestLibcLinkingSaysSo() {
        Result r = cc("hello.c");
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("boardup cc: error: guest libc not built"), r.err);
    }

    @Test
    void missingInputFile() throws IOException {
        Result r = cc("-c", "nope.c");
        assertEquals(1, r.exit);
        assertEquals("boardup cc: error: " + dir.resolve("nope.c") + ": No such file or directory\n", r.err);
        Files.createDirectories(dir.resolve("adir.c"));
        Result directory = cc("-c", "adir.c");
        assertEquals(1, directory.exit);
        assertTrue(directory.err.startsWith("boardup cc: error: " + dir.resolve("adir.c") + ": cannot read: "), directory.err);
        Result none = cc("-O2");
        assertEquals(1, none.exit);
        assertEquals("boardup cc: fatal error: no input files\n", none.err);
    }

    @Test
    void undefinedSymbolFailsTheLink() throws Exception {
        Files.writeString(dir.resolve("use.c"), "int missing(void);\nint main(void) { return missing(); }\n");
        Result r = cc("-nostdlib", "-o", "prog", "start.s", "use.c");
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("undefined reference to `missing'"), r.err);
        assertTrue(r.err.endsWith("boardup cc: error: ld returned 1 exit status\n"), r.err);
        assertTrue(Files.notExists(dir.resolve("prog")));
    }

    @Test
    void diagnosticsInGccShape() throws Exception {
        Files.writeString(dir.resolve("bad.c"), "#include \"nothere.h\"\n");
        Result pp = cc("-c", "bad.c");
        assertEquals(1, pp.exit);
        assertEquals(dir.resolve("bad.c") + ":1:10: fatal error: nothere.h: No such file or directory\n", pp.err);
        Files.writeString(dir.resolve("syntax.c"), "int main(void) {\n  return 1 +;\n}\n");
        Result cc = cc("-c", "syntax.c");
        assertEquals(1, cc.exit);
        assertTrue(cc.err.startsWith(dir.resolve("syntax.c") + ":2:"), cc.err);
        assertTrue(cc.err.contains(" error: "), cc.err);
        Result badDefine = cc("-E", "-D3x", "hello.c");
        assertEquals(new Result(1, "", "<command-line>: error: macro names must be identifiers\n"), badDefine);
        Result opt = cc("-frobnicate-please", "-Wl,-z,now", "hello.c");
        assertEquals(1, opt.exit);
        assertEquals("boardup cc: error: unrecognized command-line option '-Wl,-z,now'\n", opt.err);
    }

    @Test
    void registeredAsToolProvider() {
        ToolProvider tool = ToolProvider.findFirst("boardup-cc").orElseThrow();
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = tool.run(new PrintWriter(out), new PrintWriter(err), "-E", "-P", dir.resolve("hello.c").toString());
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("int counter = 42;"), out.toString());
    }
}
