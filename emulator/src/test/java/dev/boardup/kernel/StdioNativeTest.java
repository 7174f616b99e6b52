package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard input and directory listing, natively and on the machine. */
class StdioNativeTest {
    @TempDir
    Path dir;

    @Test
    void stdinIsCopiedThrough() throws Exception {
        Path exe = Guest.compile("cat.c", dir);
        byte[] input = "line one\nline two is longer\n\u0000binary\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        Guest.Result expected = Guest.runNative(exe, dir, input);
        Guest.Result actual = Guest.runMachine(Machine.builder().program(exe).root(dir), input);
        assertEquals(new String(input, StandardCharsets.ISO_8859_1) + "total=" + input.length + "\n",
                expected.stdout());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.status(), actual.status());
    }

    @Test
    void directoryListingThroughGetdents() throws Exception {
        Path exe = Guest.compileWithLibc("dirlist.c", dir, false);
        for (String root : new String[] {"native", "guest"}) {
            Path r = Files.createDirectory(dir.resolve(root));
            Files.createDirectory(r.resolve("sub"));
            Files.writeString(r.resolve("file one"), "1");
            Files.writeString(r.resolve(".hidden"), "2");
            Files.createSymbolicLink(r.resolve("link"), r.resolve("sub"));
        }
        Guest.Result expected = Guest.runNative(exe, dir.resolve("native"));
        Guest.Result actual = Guest.runMachine(exe, dir.resolve("guest"));
        assertEquals(".\n..\n.hidden\nfile one\nlink\nsub\n", expected.stdout());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(0, actual.status());
    }
}
