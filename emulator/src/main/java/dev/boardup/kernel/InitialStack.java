package dev.boardup.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The process's first stack, laid out byte for byte as Linux's {@code create_elf_tables} does: from the top down, a
 * zero word, the AT_EXECFN string, the environment and argument strings, then (after arch_align_stack: 16-byte
 * alignment, and under randomisation a random drop of up to 8 KiB) the platform string and the 16 AT_RANDOM
 * bytes, and below them the auxiliary vector, envp, argv and argc, with RSP 16-byte aligned pointing at argc.
 */
public final class InitialStack {
    public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7;
    public static final int AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14;
    public static final int AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25;
    public static final int AT_HWCAP2 = 26, AT_RSEQ_FEATURE_SIZE = 27, AT_RSEQ_ALIGN = 28, AT_EXECFN = 31;
    public static final int AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51;

    /**
     * AT_MINSIGSTKSZ: Linux's init_sigframe_size for this CPU, which has no XSAVE, so its FPU state in a signal
     * frame is the 512-byte FXSAVE image: sizeof(struct rt_sigframe) 440 + 15 bytes of frame alignment + 512 +
     * 63 bytes of FPU-state alignment, rounded up to 16.
     */
    public static final long MINSIGSTKSZ = (440 + 15 + 512 + 63 + 15) & ~15L;
    /** struct rseq's size up to its end marker, and its alignment, as Linux 6.x reports them. */
    public static final long RSEQ_FEATURE_SIZE = 28, RSEQ_ALIGN = 32;

    public static final String PLATFORM = "x86_64";

    /**
     * The stack image: {@code bytes} belong at [{@code sp}, {@code top}); {@code strings} is the lowest argument
     * string's address (Linux's bprm->p, from which setup_arg_pages sizes the stack area).
     */
    public record Image(long top, long sp, long strings, byte[] bytes) {}

    /**
     * What the auxiliary vector says about the program and the machine (the string addresses are filled in here);
     * {@code vdso} is the [vdso] mapping's address, or 0 to leave AT_SYSINFO_EHDR out.
     */
    public record ProgramInfo(long phdr, long phnum, long entry, long hwcap, long hwcap2, int uid, int gid,
                              long vdso) {}

    private InitialStack() {}

    /** The stack without randomisation (arch_align_stack only aligns). */
    public static Image build(long top, List<String> argv, List<String> envp, String execfn, byte[] random16,
                              ProgramInfo info) {
        return build(top, argv, envp, execfn, random16, info, p -> p & ~15L);
    }

    /** The stack with {@code alignStack} as arch_align_stack (a {@link Layout}'s, which may randomise). */
    public static Image build(long top, List<String> argv, List<String> envp, String execfn, byte[] random16,
                              ProgramInfo info, LongUnaryOperator alignStack) {
        long p = top - 8;
        p -= cString(execfn).length;
        long execfnAt = p;
        long[] envAt = new long[envp.size()];
        for (int i = envp.size() - 1; i >= 0; i--) {
            p -= cString(envp.get(i)).length;
            envAt[i] = p;
        }
        long[] argAt = new long[argv.size()];
        for (int i = argv.size() - 1; i >= 0; i--) {
            p -= cString(argv.get(i)).length;
            argAt[i] = p;
        }
        long strings = p;
        p = alignStack.applyAsLong(p);
        p -= cString(PLATFORM).length;
        long platformAt = p;
        p -= 16;
        long randomAt = p;

        List<long[]> auxv = auxv(info, randomAt, execfnAt, platformAt);
        long items = (argv.size() + 1) + (envp.size() + 1) + 1;
        long sp = (p - auxv.size() * 16L - items * 8) & ~15L;

        ByteBuffer b = ByteBuffer.allocate((int) (top - sp)).order(ByteOrder.LITTLE_ENDIAN);
        putStrings(b, sp, argv, argAt);
        putStrings(b, sp, envp, envAt);
        b.put((int) (execfnAt - sp), cString(execfn));
        b.put((int) (platformAt - sp), cString(PLATFORM));
        b.put((int) (randomAt - sp), random16, 0, 16);
        int at = 0;
        b.putLong(at, argv.size());
        at += 8;
        for (long a : argAt) {
            b.putLong(at, a);
            at += 8;
        }
        at += 8;
        for (long e : envAt) {
            b.putLong(at, e);
            at += 8;
        }
        at += 8;
        for (long[] kv : auxv) {
            b.putLong(at, kv[0]);
            b.putLong(at + 8, kv[1]);
            at += 16;
        }
        return new Image(top, sp, strings, b.array());
    }

    private static void putStrings(ByteBuffer b, long sp, List<String> strings, long[] at) {
        for (int i = 0; i < strings.size(); i++) {
            b.put((int) (at[i] - sp), cString(strings.get(i)));
        }
    }

    private static List<long[]> auxv(ProgramInfo info, long randomAt, long execfnAt, long platformAt) {
        List<long[]> v = new ArrayList<>();
        // ARCH_DLINFO comes first, the rseq pair last, as create_elf_tables orders them.
        if (info.vdso() != 0) v.add(new long[] {AT_SYSINFO_EHDR, info.vdso()});
        v.add(new long[] {AT_MINSIGSTKSZ, MINSIGSTKSZ});
        v.add(new long[] {AT_HWCAP, info.hwcap()});
        v.add(new long[] {AT_PAGESZ, 4096});
        v.add(new long[] {AT_CLKTCK, 100});
        v.add(new long[] {AT_PHDR, info.phdr()});
        v.add(new long[] {AT_PHENT, ElfFile.PHDR_SIZE});
        v.add(new long[] {AT_PHNUM, info.phnum()});
        v.add(new long[] {AT_BASE, 0});
        v.add(new long[] {AT_FLAGS, 0});
        v.add(new long[] {AT_ENTRY, info.entry()});
        v.add(new long[] {AT_UID, info.uid()});
        v.add(new long[] {AT_EUID, info.uid()});
        v.add(new long[] {AT_GID, info.gid()});
        v.add(new long[] {AT_EGID, info.gid()});
        v.add(new long[] {AT_SECURE, 0});
        v.add(new long[] {AT_RANDOM, randomAt});
        v.add(new long[] {AT_HWCAP2, info.hwcap2()});
        v.add(new long[] {AT_EXECFN, execfnAt});
        v.add(new long[] {AT_PLATFORM, platformAt});
        // The kernel answers rseq(2) with ENOSYS; these only size the area a libc offers it.
        v.add(new long[] {AT_RSEQ_FEATURE_SIZE, RSEQ_FEATURE_SIZE});
        v.add(new long[] {AT_RSEQ_ALIGN, RSEQ_ALIGN});
        v.add(new long[] {AT_NULL, 0});
        return v;
    }

    static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, z, 0, utf8.length);
        return z;
    }
}
