package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** strace's notation for the values it prints. */
class StraceTest {
    private static String q(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Strace.buffer(b, b.length);
    }

    @Test
    void stringsAreEscapedAndTruncatedAt32() {
        assertEquals("\"hello\\n\"", q("hello\n"));
        assertEquals("\"tab\\there \\\"q\\\" \\\\\"", q("tab\there \"q\" \\"));
        assertEquals("\"\\1\\377 \\0011\"", q("\u0001\u00ff \u00011"));
        assertEquals("\"0123456789abcdef0123456789abcdef\"...", q("0123456789abcdef0123456789abcdefXYZ"));
        assertEquals("\"0123456789abcdef0123456789abcdef\"", q("0123456789abcdef0123456789abcdef"));
    }

    @Test
    void resultsAndAlignment() {
        assertEquals("close(3)                                = 0", Strace.line("close(3)", Strace.result(0, false)));
        assertEquals("brk(NULL)                               = 0x4c9000",
                Strace.line("brk(NULL)", Strace.result(0x4c9000, true)));
        assertEquals("-1 ENOENT (No such file or directory)", Strace.result(-2, false));
        String longCall = "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)";
        assertEquals(longCall + " = 0x7ffff7ff5000", Strace.line(longCall, Strace.result(0x7ffff7ff5000L, true)));
    }

    @Test
    void flagSets() {
        assertEquals("PROT_READ|PROT_WRITE", Strace.prot(3));
        assertEquals("PROT_NONE", Strace.prot(0));
        assertEquals("MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS", Strace.mapFlags(0x32));
        assertEquals("O_RDONLY", Strace.openFlags(0));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC", Strace.openFlags(01101));
        assertEquals("O_RDONLY|O_CLOEXEC", Strace.openFlags(02000000));
        assertEquals("AT_FDCWD", Strace.dirfd(-100));
        assertEquals("{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}", Strace.stat(Stat.charDevice(1, 3)));
    }
}
