package dev.boardup.toolchain.ld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our linker against GNU ld: objects from gcc and as, linked both ways, run natively, and ld's error messages. */
class LinkerTest {
    static final String[] CFLAGS = {"gcc", "-O2", "-ffreestanding", "-fno-pic", "-fno-stack-protector",
        "-fcf-protection=none", "-fno-builtin", "-fcommon", "-c"};

    @TempDir Path dir;

    /** What a process did. */
    record Run(int exit, String out, String err) {}

    Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    void ok(String... command) throws Exception {
        Run r = run(command);
        assertEquals(0, r.exit, () -> String.join(" ", command) + " failed: " + r.err);
    }

    @BeforeEach
    void sources() throws IOException {
        for (String f : List.of("start.s", "main.c", "lib1.c", "lib2.c", "lib3.c", "undefined.c", "overflow.s", "far.s", "dup.c", "tls.c", "tls_ie.s", "libgcc_user.c", "ctors.c", "linkset.c", "linkset2.c")) {
            try (InputStream in = LinkerTest.class.getResourceAsStream("/ld/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
    }

    void compile(String... extra) throws Exception {
        ok("as", "start.s", "-o", "start.o");
        for (String c : List.of("main", "lib1", "lib2", "lib3", "undefined", "dup")) {
            List<String> cmd = new ArrayList<>(Arrays.asList(CFLAGS));
            cmd.addAll(Arrays.asList(extra));
            cmd.addAll(List.of(c + ".c", "-o", c + ".o"));
            ok(cmd.toArray(String[]::new));
        }
        ok("ar", "rcs", "libt.a", "lib1.o", "lib2.o", "lib3.o");
    }

    byte[] link(String... files) throws Exception {
        Linker linker = new Linker().outputName("theirs");
        for (String f : files) linker.addFile(f, Files.readAllBytes(dir.resolve(f)));
        return linker.link();
    }

    Path linkTo(String output, String... files) throws Exception {
        Path out = dir.resolve(output);
        Files.write(out, link(files));
        assertTrue(out.toFile().setExecutable(true));
        return out;
    }

    @Test
    void runsLikeTheSameObjectsLinkedByGnuLd() throws Exception {
        compile();
        linkTo("ours", "start.o", "main.o", "libt.a");
        ok("ld", "-static", "start.o", "main.o", "libt.a", "-o", "theirs");
        Run ours = run("./ours"), theirs = run("./theirs");
        assertEquals(theirs, ours);
        assertEquals(3, ours.exit);
        assertTrue(ours.out.startsWith("through the GOT\nhello from a pointer\nbye\n"), ours.out);
        assertTrue(ours.out.endsWith("12\n142\n1\n7\n42\n"), ours.out);
    }

    @Test
    void archiveMembersArePulledOnlyWhenNeeded() throws Exception {
        compile();
        linkTo("ours", "start.o", "main.o", "libt.a");
        String symbols = run("nm", "ours").out;
        assertTrue(symbols.contains(" T helper\n") && symbols.contains(" T lib_needed\n"), symbols);
        assertFalse(symbols.contains("unused"), symbols);
        // an archive without a symbol index ("ar rcS") is searched member by member
        ok("ar", "rcS", "noindex.a", "lib1.o", "lib2.o", "lib3.o");
        linkTo("ours2", "start.o", "main.o", "noindex.a");
        assertEquals(3, run("./ours2").exit);
    }

    @Test
    void layoutIsSeparateCodeWithToolsAccepting() throws Exception {
        compile();
        linkTo("ours", "start.o", "main.o", "libt.a");
        Run readelf = run("readelf", "-a", "-W", "ours");
        assertEquals(0, readelf.exit);
        assertEquals("", readelf.err);
        List<String> loads = readelf.out.lines().filter(l -> l.trim().startsWith("LOAD") || l.trim().startsWith("GNU_STACK"))
                .map(l -> l.trim().split("\\s+")).map(f -> f[0] + " " + f[1] + " " + String.join("", Arrays.copyOfRange(f, 6, f.length - 1)))
                .toList();
        assertEquals(List.of("LOAD 0x000000 R", "LOAD 0x001000 RE", "LOAD 0x002000 R", "LOAD 0x003000 RW",
                "GNU_STACK 0x000000 RW"), loads);
        String start = run("nm", "ours").out.lines().filter(l -> l.endsWith(" T _start")).findFirst().orElseThrow();
        assertTrue(readelf.out.contains("Entry point address:               0x" + start.substring(0, 16).replaceFirst("^0+", "")));
        Run objdump = run("objdump", "-d", "ours");
        assertEquals(0, objdump.exit);
        assertTrue(objdump.out.contains("<main>:") && objdump.out.contains("call") , objdump.out);
    }

    @Test
    void debugLinesMapLikeGnuLd() throws Exception {
        compile("-g", "-O0");
        linkTo("ours", "start.o", "main.o", "libt.a");
        ok("ld", "-static", "start.o", "main.o", "libt.a", "-o", "theirs");
        for (String function : List.of("print_num", "lib_needed", "main")) {
            assertEquals(lineOf("theirs", function), lineOf("ours", function));
        }
        assertTrue(lineOf("ours", "lib_needed").endsWith("lib1.c:3"), lineOf("ours", "lib_needed"));
    }

    private String lineOf(String binary, String function) throws Exception {
        String address = run("nm", binary).out.lines().filter(l -> l.endsWith(" " + function)).findFirst().orElseThrow()
                .substring(0, 16);
        return run("addr2line", "-e", binary, "0x" + address).out.trim();
    }

    private List<String> ldErrors(String... files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ld", "-static", "-o", "theirs"));
        cmd.addAll(Arrays.asList(files));
        Run r = run(cmd.toArray(String[]::new));
        assertEquals(1, r.exit);
        return r.err.lines().filter(l -> !l.contains("warning")).map(l -> l.replaceFirst("^ld: ", "")).toList();
    }

    private List<String> ourErrors(String... files) {
        LinkError e = assertThrows(LinkError.class, () -> link(files));
        return e.messages().stream().flatMap(String::lines).toList();
    }

    @Test
    void undefinedReferencesReadLikeLd() throws Exception {
        compile();
        List<String> ours = ourErrors("start.o", "main.o", "undefined.o", "libt.a");
        assertEquals(ldErrors("start.o", "main.o", "undefined.o", "libt.a"), ours);
        assertTrue(ours.contains("undefined.c:(.text+0xe): undefined reference to `missing_function'")
                || ours.stream().anyMatch(l -> l.endsWith("undefined reference to `missing_function'")), ours.toString());
    }

    @Test
    void multipleDefinitionsReadLikeLd() throws Exception {
        compile();
        List<String> ours = ourErrors("start.o", "main.o", "lib1.o", "lib2.o", "dup.o");
        assertEquals(ldErrors("start.o", "main.o", "lib1.o", "lib2.o", "dup.o"), ours);
        assertTrue(ours.stream().anyMatch(l -> l.contains("multiple definition of `counter'; lib1.o:(.data+0x0): first defined here")),
                ours.toString());
    }

    @Test
    void truncatedRelocationsReadLikeLd() throws Exception {
        compile();
        ok("as", "overflow.s", "-o", "overflow.o");
        ok("as", "far.s", "-o", "far.o");
        List<String> ours = ourErrors("start.o", "main.o", "libt.a", "overflow.o", "far.o");
        assertEquals(ldErrors("start.o", "main.o", "libt.a", "overflow.o", "far.o"), ours);
    }

    @Test
    void threadLocalStorageLikeGnuLd() throws Exception {
        compile();
        List<String> cmd = new ArrayList<>(Arrays.asList(CFLAGS));
        cmd.addAll(List.of("tls.c", "-o", "tls.o"));
        ok(cmd.toArray(String[]::new));
        ok("as", "tls_ie.s", "-o", "tls_ie.o");
        linkTo("ours", "start.o", "tls.o", "tls_ie.o");
        ok("ld", "-static", "start.o", "tls.o", "tls_ie.o", "-o", "theirs");
        Run ours = run("./ours");
        assertEquals(run("./theirs"), ours);
        assertEquals(new Run(0, "15\n3\n15\ntls\n", ""), ours);
        String headers = run("readelf", "-lW", "ours").out;
        assertTrue(headers.lines().anyMatch(l -> l.trim().startsWith("TLS")), headers);
    }

    @Test
    void pullsHelpersFromGccsLibgcc() throws Exception {
        compile();
        List<String> cmd = new ArrayList<>(Arrays.asList(CFLAGS));
        cmd.addAll(List.of("-ffunction-sections", "-fdata-sections", "libgcc_user.c", "-o", "libgcc_user.o"));
        ok(cmd.toArray(String[]::new));
        String libgcc = run("gcc", "-print-libgcc-file-name").out.trim();
        Files.copy(Path.of(libgcc), dir.resolve("libgcc.a"));
        linkTo("ours", "start.o", "libgcc_user.o", "libgcc.a");
        ok("ld", "-static", "start.o", "libgcc_user.o", "libgcc.a", "-o", "theirs");
        Run ours = run("./ours");
        assertEquals(run("./theirs"), ours);
        assertEquals("13271994342425752125\n976383630\n32\n15\n", ours.out);
    }

    @Test
    void constructorsRunInPriorityOrder() throws Exception {
        compile();
        List<String> cmd = new ArrayList<>(Arrays.asList(CFLAGS));
        cmd.addAll(List.of("ctors.c", "-o", "ctors.o"));
        ok(cmd.toArray(String[]::new));
        linkTo("ours", "start.o", "ctors.o");
        ok("ld", "-static", "start.o", "ctors.o", "-o", "theirs");
        Run ours = run("./ours");
        assertEquals(run("./theirs"), ours);
        assertEquals("a b c m z\n", ours.out);
    }

    @Test
    void sectionBoundsForLinkerSets() throws Exception {
        compile();
        for (String c : List.of("linkset", "linkset2")) {
            List<String> cmd = new ArrayList<>(Arrays.asList(CFLAGS));
            cmd.addAll(List.of(c + ".c", "-o", c + ".o"));
            ok(cmd.toArray(String[]::new));
        }
        linkTo("ours", "start.o", "linkset.o", "linkset2.o");
        ok("ld", "-static", "start.o", "linkset.o", "linkset2.o", "-o", "theirs");
        Run ours = run("./ours");
        assertEquals(run("./theirs"), ours);
        assertEquals(49, ours.exit);
        assertEquals(List.of("one", "six", "two"), ours.out.lines().sorted().toList());   // gcc picks the order
    }

    @Test
    void missingEntryIsAnError() throws Exception {
        compile();
        assertEquals(List.of("cannot find entry symbol _start"), ourErrors("lib2.o"));
    }

    @Test
    void notAnObjectIsAClearError() throws Exception {
        Files.writeString(dir.resolve("junk.o"), "not an object at all");
        assertEquals(List.of("junk.o: file format not recognized"), ourErrors("junk.o"));
    }
}
