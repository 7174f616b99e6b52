package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELF validation: a real gcc executable parses; each kind of damage is refused with a clear one-line reason. */
class ElfFileTest {
    @TempDir
    static Path dir;
    static byte[] good;

    @BeforeAll
    static void build() throws Exception {
        good = Files.readAllBytes(Guest.compile("loop.c", dir));
    }

    private static byte[] patched(int offset, int width, long value) {
        byte[] b = good.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (width) {
            case 1 -> bb.put(offset, (byte) value);
            case 2 -> bb.putShort(offset, (short) value);
            case 4 -> bb.putInt(offset, (int) value);
            default -> bb.putLong(offset, value);
        }
        return b;
    }

    private static String reason(byte[] bytes) {
        BadExecutable e = assertThrows(BadExecutable.class, () -> ElfFile.parse(bytes));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static long phoff() {
        return ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
    }

    @Test
    void gccStaticExecutableParses() throws Exception {
        ElfFile elf = ElfFile.parse(good);
        assertEquals(ElfFile.ET_EXEC, elf.type);
        assertFalse(elf.loadSegments().isEmpty());
        assertTrue(elf.entry >= 0x400000);
        assertFalse(elf.wantsExecutableStack(), "gcc marks the stack non-executable with PT_GNU_STACK");
    }

    @Test
    void truncatedFiles() {
        assertTrue(reason(new byte[0]).contains("not an ELF file"));
        assertTrue(reason(Arrays.copyOf(good, 10)).contains("truncated"));
        assertTrue(reason(Arrays.copyOf(good, 40)).contains("truncated ELF header"));
        assertTrue(reason(Arrays.copyOf(good, 200)).matches(".*(outside the file|program headers).*"),
                reason(Arrays.copyOf(good, 200)));
    }

    @Test
    void wrongIdentOrMachine() {
        assertTrue(reason("#!/bin/sh\necho hi\n".getBytes()).contains("bad magic"));
        assertTrue(reason(patched(4, 1, 1)).contains("32-bit"));
        assertTrue(reason(patched(5, 1, 2)).contains("little-endian"));
        assertEquals("not an x86-64 executable (ELF machine 183)", reason(patched(18, 2, 183)));
        assertTrue(reason(patched(16, 2, 1)).contains("relocatable"));
    }

    @Test
    void badProgramHeaders() {
        assertTrue(reason(patched(32, 8, 1L << 40)).contains("program headers at offset"));
        assertTrue(reason(patched(54, 2, 32)).contains("program header size 32"));
        assertTrue(reason(patched(56, 2, 0)).contains("no program headers"));
        int firstLoad = firstLoadIndex();
        int at = (int) phoff() + 56 * firstLoad;
        assertTrue(reason(patched(at + 32, 8, good.length * 2L)).contains("lie outside the file"));
        assertTrue(reason(patched(at + 40, 8, 0)).contains("memory size smaller than file size")
                || ElfFileTest.loadFileSize(firstLoad) == 0);
        assertTrue(reason(patched(at + 16, 8, 0x7FFF_FFFF_F000L)).contains("outside user space"));
    }

    @Test
    void interpreterMeansDynamic() {
        int at = (int) phoff() + 56 * firstLoadIndex();
        assertEquals("dynamically linked executables are not supported", reason(patched(at, 4, ElfFile.PT_INTERP)));
    }

    @Test
    void realDynamicExecutableIsRefused() throws Exception {
        Path src = Files.writeString(dir.resolve("dyn.c"), "int main(void) { return 0; }\n");
        Path exe = dir.resolve("dyn");
        Guest.Result r = Guest.exec(List.of("gcc", "-o", exe.toString(), src.toString()), dir, null);
        assertEquals(0, r.status(), r.stderr());
        assertEquals("dynamically linked executables are not supported", reason(Files.readAllBytes(exe)));
    }

    private static int firstLoadIndex() {
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int phnum = b.getShort(56);
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) phoff() + 56 * i) == ElfFile.PT_LOAD) return i;
        }
        throw new IllegalStateException("no PT_LOAD");
    }

    private static long loadFileSize(int index) {
        return ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong((int) phoff() + 56 * index + 32);
    }
}
