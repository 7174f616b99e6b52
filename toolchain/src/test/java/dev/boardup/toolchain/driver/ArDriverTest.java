package dev.boardup.toolchain.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boardup ar} makes the same bytes as GNU {@code ar rcsD}, and edits archives like it. */
class ArDriverTest {
    @TempDir Path dir;

    record Result(int exit, String out, String err) {}

    Result ar(String... args) {
        List<String> resolved = new ArrayList<>();
        for (String a : args) resolved.add(a.contains(".") ? dir.resolve(a).toString() : a);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = ToolProvider.findFirst("boardup-ar").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), resolved.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    void native_(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
    }

    @BeforeEach
    void objects() throws Exception {
        for (String f : List.of("lib1.c", "lib2.c", "lib3.c")) {
            try (InputStream in = ArDriverTest.class.getResourceAsStream("/ld/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
            native_("gcc", "-O2", "-fno-pic", "-fcommon", "-c", f);
        }
        Files.copy(dir.resolve("lib1.o"), dir.resolve("a_member_with_a_long_name.o"));
        Files.writeString(dir.resolve("notes.txt"), "odd");
    }

    @Test
    void sameBytesAsGnuAr() throws Exception {
        Result r = ar("rcs", "ours.a", "lib1.o", "lib2.o", "a_member_with_a_long_name.o", "notes.txt", "lib3.o");
        assertEquals(new Result(0, "", ""), r);
        native_("ar", "rcsD", "theirs.a", "lib1.o", "lib2.o", "a_member_with_a_long_name.o", "notes.txt", "lib3.o");
        assertArrayEquals(Files.readAllBytes(dir.resolve("theirs.a")), Files.readAllBytes(dir.resolve("ours.a")));
    }

    @Test
    void replacesDeletesAndLists() throws Exception {
        assertEquals(new Result(0, "", "boardup ar: creating " + dir.resolve("x.a") + "\n"), ar("r", "x.a", "lib1.o", "lib2.o"));
        assertEquals(0, ar("rs", "x.a", "lib3.o", "lib1.o").exit);
        assertEquals(0, ar("d", "x.a", "lib2.o").exit);
        assertEquals(new Result(0, "lib1.o\nlib3.o\n", ""), ar("t", "x.a"));
        native_("ar", "rcsD", "y.a", "lib1.o", "lib3.o");
        assertArrayEquals(Files.readAllBytes(dir.resolve("y.a")), Files.readAllBytes(dir.resolve("x.a")));
    }

    @Test
    void errors() {
        assertEquals(new Result(1, "", "boardup ar: " + dir.resolve("nope.o") + ": No such file or directory\n"),
                ar("rcs", "z.a", "nope.o"));
        assertEquals(new Result(1, "", "boardup ar: " + dir.resolve("none.a") + ": No such file or directory\n"),
                ar("t", "none.a"));
        assertEquals(1, ar("x", "z.a").exit);
    }
}
