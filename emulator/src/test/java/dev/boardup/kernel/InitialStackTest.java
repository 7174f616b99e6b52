package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack image's layout, read back the way a C runtime walks it. */
class InitialStackTest {
    static final long TOP = 0x7FFF_FFFF_F000L;

    private static String cString(InitialStack.Image img, long va) {
        int at = (int) (va - img.sp());
        int end = at;
        while (img.bytes()[end] != 0) end++;
        return new String(img.bytes(), at, end - at, StandardCharsets.UTF_8);
    }

    @Test
    void layoutAsLinuxBuildsIt() {
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) random[i] = (byte) (i + 1);
        InitialStack.Image img = InitialStack.build(TOP, List.of("./prog", "arg"), List.of("A=1", "B=22"), "./prog",
                random, new InitialStack.ProgramInfo(0x400040, 5, 0x401000, 0x178bfbff, 2, 1000, 1001,
                        0x7ffff7fc1000L));
        assertEquals(0, img.sp() % 16, "RSP 16-byte aligned");
        assertEquals(TOP, img.sp() + img.bytes().length);
        ByteBuffer b = ByteBuffer.wrap(img.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getLong(img.bytes().length - 8), "a zero word at the very top");
        assertEquals(2, b.getLong(0));
        assertEquals("./prog", cString(img, b.getLong(8)));
        assertEquals("arg", cString(img, b.getLong(16)));
        assertEquals(0, b.getLong(24));
        assertEquals("A=1", cString(img, b.getLong(32)));
        assertEquals("B=22", cString(img, b.getLong(40)));
        assertEquals(0, b.getLong(48));
        Map<Long, Long> auxv = new HashMap<>();
        int at = 56;
        long type;
        do {
            type = b.getLong(at);
            auxv.put(type, b.getLong(at + 8));
            at += 16;
        } while (type != InitialStack.AT_NULL);
        assertEquals(23, auxv.size());
        assertEquals(0x7ffff7fc1000L, auxv.get((long) InitialStack.AT_SYSINFO_EHDR));
        assertEquals(InitialStack.MINSIGSTKSZ, auxv.get((long) InitialStack.AT_MINSIGSTKSZ));
        assertEquals(4096, auxv.get((long) InitialStack.AT_PAGESZ));
        assertEquals(100, auxv.get((long) InitialStack.AT_CLKTCK));
        assertEquals(0x400040, auxv.get((long) InitialStack.AT_PHDR));
        assertEquals(56, auxv.get((long) InitialStack.AT_PHENT));
        assertEquals(5, auxv.get((long) InitialStack.AT_PHNUM));
        assertEquals(0x401000, auxv.get((long) InitialStack.AT_ENTRY));
        assertEquals(1000, auxv.get((long) InitialStack.AT_EUID));
        assertEquals(1001, auxv.get((long) InitialStack.AT_EGID));
        assertEquals(0x178bfbff, auxv.get((long) InitialStack.AT_HWCAP));
        assertEquals("x86_64", cString(img, auxv.get((long) InitialStack.AT_PLATFORM)));
        assertEquals("./prog", cString(img, auxv.get((long) InitialStack.AT_EXECFN)));
        long rnd = auxv.get((long) InitialStack.AT_RANDOM) - img.sp();
        byte[] got = new byte[16];
        b.get((int) rnd, got);
        assertArrayEquals(random, got);
        // Strings from the top down: execfn, envp, argv; argv[0] lowest. Platform and random below them, aligned.
        long execfn = auxv.get((long) InitialStack.AT_EXECFN);
        assertEquals(TOP - 8 - 7, execfn);
        assertEquals(execfn - 5, b.getLong(40));
        assertEquals(execfn - 5 - 4, b.getLong(32));
        assertEquals(execfn - 9 - 4, b.getLong(16));
        assertEquals(execfn - 13 - 7, b.getLong(8));
        long platform = auxv.get((long) InitialStack.AT_PLATFORM);
        assertEquals(((execfn - 20) & ~15L) - 7, platform);
        assertEquals(platform - 16, auxv.get((long) InitialStack.AT_RANDOM));
    }
}
