package dev.boardup.toolchain.cc;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-checking C programs (src/test/resources/cc/*.c): preprocessed by gcc, compiled by us, assembled and linked by
 * gcc with common.c (gcc-compiled assert helpers), run natively; every ASSERT must hold.
 */
class CompilerProgramsTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"arith", "literals", "control", "pointer", "struct", "init", "decl", "float", "varargs", "misc", "asm", "vla"})
    void programAssertionsHold(String name) throws Exception {
        Path s = NativeTools.compileOurs(dir, NativeTools.RESOURCES.resolve(name + ".c"), CompileOptions.defaults());
        Path exe = NativeTools.link(dir, name, s, NativeTools.RESOURCES.resolve("common.c"));
        NativeTools.Result r = NativeTools.run(dir, exe.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        Matcher m = Pattern.compile(Pattern.quote(name + ".c") + ": (\\d+) assertions passed").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        // every ASSERT call site ran (those inside loops more than once)
        long sites = java.nio.file.Files.readAllLines(NativeTools.RESOURCES.resolve(name + ".c")).stream()
            .filter(l -> l.contains("ASSERT")).count();
        assertTrue(Integer.parseInt(m.group(1)) >= sites, r.stdout() + " but the file has " + sites + " ASSERT lines");
    }

    /**
     * The same programs through our whole pipeline (preprocessor, compiler, assembler, linker: the driver
     * in-process) with common.c and a freestanding runtime of our own (freestanding/rt.c: printf, string functions,
     * exit and TLS setup over raw syscalls) instead of glibc, run natively.
     */
    @ParameterizedTest
    @ValueSource(strings = {"arith", "literals", "control", "pointer", "struct", "init", "decl", "float", "varargs", "misc", "asm", "vla"})
    void programAssertionsHoldThroughOurWholePipeline(String name) throws Exception {
        Path freestanding = NativeTools.RESOURCES.resolve("freestanding");
        Path exe = dir.resolve(name);
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        int exit = dev.boardup.toolchain.driver.CcDriver.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                "-nostdlib", "-nostdinc", "-isystem", freestanding.toString(), "-I", NativeTools.RESOURCES.toString(),
                "-o", exe.toString(), freestanding.resolve("start.s").toString(), freestanding.resolve("rt.c").toString(),
                NativeTools.RESOURCES.resolve("common.c").toString(), NativeTools.RESOURCES.resolve(name + ".c").toString());
        assertEquals(0, exit, err.toString());
        NativeTools.Result r = NativeTools.run(dir, exe.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        Matcher m = Pattern.compile(Pattern.quote(name + ".c") + ": (\\d+) assertions passed").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        long sites = java.nio.file.Files.readAllLines(NativeTools.RESOURCES.resolve(name + ".c")).stream()
            .filter(l -> l.contains("ASSERT")).count();
        assertTrue(Integer.parseInt(m.group(1)) >= sites, r.stdout() + " but the file has " + sites + " ASSERT lines");
    }

    @Test
    void debugInfoEmitsFileAndLoc() throws Exception {
        Path s = NativeTools.compileOurs(dir, NativeTools.RESOURCES.resolve("control.c"), new CompileOptions(true));
        String asm = java.nio.file.Files.readString(s);
        assertTrue(asm.contains(".file 1 \""), "a .file directive");
        assertTrue(asm.contains(".loc 1 "), "a .loc directive");
        Path exe = NativeTools.link(dir, "control", s, NativeTools.RESOURCES.resolve("common.c"));
        assertEquals(0, NativeTools.run(dir, exe.toString()).exitCode());
        NativeTools.Result lines = NativeTools.runChecked(dir, "objdump", "--dwarf=decodedline", exe.toString());
        assertTrue(lines.stdout().contains("control.c"), "line table names the source file");
    }

    /** Our functions called by gcc-compiled code and gcc's by ours, with every SysV argument and return class. */
    @Test
    void abiInteroperatesWithGcc() throws Exception {
        Path s = NativeTools.compileOurs(dir, NativeTools.RESOURCES.resolve("abi.c"), CompileOptions.defaults());
        Path exe = NativeTools.link(dir, "abi", s, NativeTools.RESOURCES.resolve("abi_gcc.c"));
        NativeTools.Result r = NativeTools.run(dir, exe.toString());
        assertEquals("abi: 0 failures\n", r.stdout());
        assertEquals(0, r.exitCode());
    }
}
