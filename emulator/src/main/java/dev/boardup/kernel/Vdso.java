package dev.boardup.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The image in the [vdso] mapping that AT_SYSINFO_EHDR points at: a well-formed ELF64 shared object (linked at 0,
 * as Linux's is) whose dynamic symbol table is empty. A libc that looks up __vdso_clock_gettime and friends in it
 * finds nothing and makes the system calls instead, which is what this kernel serves.
 */
public final class Vdso {
    private static final int EHDR = 64, PHDR = 56;
    private static final int PHDRS = EHDR, DYNAMIC = PHDRS + 2 * PHDR, DYN_ENTRIES = 6;
    private static final int HASH = DYNAMIC + DYN_ENTRIES * 16, SYMTAB = HASH + 16, STRTAB = SYMTAB + 24;
    private static final int SIZE = STRTAB + 1;

    private static final int PT_LOAD = 1, PT_DYNAMIC = 2, PF_X = 1, PF_R = 4;
    private static final int DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11;

    private Vdso() {}

    /** The bytes at the start of [vdso]; the rest of its pages read as zeros. */
    public static byte[] image() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        elfHeader(b);
        programHeader(b, PHDRS, PT_LOAD, PF_R | PF_X, 0, SIZE, AddressSpace.PAGE);
        programHeader(b, PHDRS + PHDR, PT_DYNAMIC, PF_R, DYNAMIC, DYN_ENTRIES * 16, 8);
        long[][] dynamic = {{DT_HASH, HASH}, {DT_STRTAB, STRTAB}, {DT_SYMTAB, SYMTAB}, {DT_STRSZ, 1},
            {DT_SYMENT, 24}, {DT_NULL, 0}};
        for (int i = 0; i < dynamic.length; i++) {
            b.putLong(DYNAMIC + 16 * i, dynamic[i][0]).putLong(DYNAMIC + 16 * i + 8, dynamic[i][1]);
        }
        // SysV hash table: one bucket, one chain, both STN_UNDEF; symbol 0 is the null symbol; strtab is "\0".
        b.putInt(HASH, 1).putInt(HASH + 4, 1);
        return b.array();
    }

    private static void elfHeader(ByteBuffer b) {
        b.put(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 3); // ET_DYN
        b.putShort(18, (short) 62); // EM_X86_64
        b.putInt(20, 1);
        b.putLong(32, PHDRS);
        b.putShort(52, (short) EHDR);
        b.putShort(54, (short) PHDR);
        b.putShort(56, (short) 2);
        b.putShort(58, (short) 64);
    }

    private static void programHeader(ByteBuffer b, int at, int type, int flags, long offset, long size, long align) {
        b.putInt(at, type).putInt(at + 4, flags);
        b.putLong(at + 8, offset).putLong(at + 16, offset).putLong(at + 24, offset);
        b.putLong(at + 32, size).putLong(at + 40, size).putLong(at + 48, align);
    }
}
