package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A glibc program touring stdio, errno, malloc/realloc (mmap, mremap), time and uname: same output as Linux. */
class LibcNativeTest {
    @TempDir
    Path dir;

    @Test
    void libcTourMatchesLinux() throws Exception {
        Path exe = Guest.compileWithLibc("libc_tour.c", dir, false);
        Guest.Result expected = Guest.runNative(exe, Files.createDirectory(dir.resolve("native")), "arg");
        Guest.Result actual = Guest.runMachine(exe, Files.createDirectory(dir.resolve("guest")), "arg");
        assertEquals(0, expected.status(), expected.stderr());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.stderr(), actual.stderr());
        assertEquals(expected.status(), actual.status());
    }
}
