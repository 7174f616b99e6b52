package dev.boardup.kernel;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Where each exec puts the stack, the mmap area and the break: Linux x86-64's randomised bases (ASLR, its
 * default, randomize_va_space=2) or, with randomisation off, its fixed ones (what {@code setarch -R} gives). All
 * guest randomness comes from one seed, so {@code --seed} makes a run reproducible: the layout, AT_RANDOM,
 * /dev/urandom and getrandom each draw from their own stream split off it.
 *
 * <p>The entropy is the kernel's (and what this machine's kernel measurably does): the mmap base moves by 28 bits
 * of pages (vm.mmap_rnd_bits), the stack top by 22 bits of pages (STACK_RND_MASK) plus up to 8 KiB within its
 * page (arch_align_stack), and the break by up to 1 GiB past the bss (arch_randomize_brk on 64-bit; older kernels
 * used 32 MiB).
 */
public final class Layout {
    public static final long PAGE = AddressSpace.PAGE;
    /** TASK_SIZE: the top of the 47-bit user address space, one page below 2^47; the unrandomised stack top. */
    public static final long TASK_SIZE = 0x7FFF_FFFF_F000L;
    public static final int MMAP_RND_BITS = 28;
    public static final long STACK_RND_MASK = 0x3F_FFFFL;
    public static final long BRK_RANGE = 1L << 30;
    /** How far below its top arch_align_stack may move the first stack pointer. */
    public static final long STACK_ALIGN_RANGE = 8192;
    /** stack_guard_gap: 256 pages kept free below a stack (and counted into the mmap gap). */
    public static final long STACK_GUARD_GAP = 256 * PAGE;
    /** The mmap base stays at least this far below TASK_SIZE, and at most 5/6 of it. */
    static final long MIN_GAP = 128L << 20;
    static final long MAX_GAP = TASK_SIZE / 6 * 5;

    private final boolean randomize;
    private final long seed;
    private final SplittableRandom addresses;
    private final SplittableRandom bytes;

    private Layout(boolean randomize, long seed) {
        this.randomize = randomize;
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        this.addresses = root.split();
        this.bytes = root.split();
    }

    /** A layout as Linux's default: randomised, from {@code seed} (null: a fresh seed from the host). */
    public static Layout randomized(Long seed) {
        return new Layout(true, seed != null ? seed : new SecureRandom().nextLong());
    }

    /** Linux's layout with randomisation off; {@code seed} (null: a fresh one) still feeds the random bytes. */
    public static Layout fixed(Long seed) {
        return new Layout(false, seed != null ? seed : new SecureRandom().nextLong());
    }

    public boolean randomizes() {
        return randomize;
    }

    public long seed() {
        return seed;
    }

    // ---- the bases one exec picks ----

    /**
     * mmap_base(): TASK_SIZE less a gap that leaves room for the stack (its rlimit, the guard gap and, when
     * randomising, the stack's own random range), clamped to [128 MiB, 5/6 of TASK_SIZE], less the random offset.
     */
    public long mmapBase(long stackRlimit) {
        long gap = stackRlimit;
        long pad = stackMaxRandom() + STACK_GUARD_GAP;
        if (gap + pad > gap && gap >= 0) gap += pad;
        gap = Math.clamp(gap < 0 ? MAX_GAP : gap, MIN_GAP, MAX_GAP);
        return AddressSpace.pageUp(TASK_SIZE - gap - mmapRandom());
    }

    /** The stack VMA's end: TASK_SIZE less randomize_stack_top's pages, then arch_align_stack, page-aligned up. */
    public long stackTop() {
        long top = TASK_SIZE - (randomize ? (addresses.nextLong() & STACK_RND_MASK) * PAGE : 0);
        return AddressSpace.pageUp(alignStack(top));
    }

    /** arch_align_stack: a random drop of up to 8 KiB when randomising, then 16-byte alignment. */
    public long alignStack(long sp) {
        if (randomize) sp -= addresses.nextInt((int) STACK_ALIGN_RANGE);
        return sp & ~15L;
    }

    /** arch_randomize_brk: the break's start, a random page within 1 GiB above where the program ends. */
    public long brkStart(long programEnd) {
        long start = AddressSpace.pageUp(programEnd);
        if (!randomize) return start;
        return start + Long.remainderUnsigned(addresses.nextLong(), BRK_RANGE / PAGE) * PAGE;
    }

    private long mmapRandom() {
        return randomize ? (addresses.nextLong() & ((1L << MMAP_RND_BITS) - 1)) * PAGE : 0;
    }

    private long stackMaxRandom() {
        return randomize ? STACK_RND_MASK * PAGE : 0;
    }

    // ---- random bytes ----

    /** AT_RANDOM, /dev/urandom, getrandom: the guest's random bytes, reproducible under one seed. */
    public void nextBytes(byte[] out) {
        bytes.nextBytes(out);
    }
}
