package dev.boardup.difftest;

/**
 * The fixed guest address map shared by the native harness (harness.c) and the emulated side: one code page
 * whose landing pads catch control after the instruction under test, one scratch data page and one control page.
 */
final class Layout {
    static final long CODE_PAGE = 0x10000000L;
    /** The instruction under test ends exactly here, so its fall-through RIP is PAD0. */
    static final long PAD0 = CODE_PAGE + 0x800;
    static final long PAD_SPACING = 0x20;

    static final long MEM_PAGE = 0x10100000L;
    static final int MEM_SIZE = 512;
    /** The scratch area compared byte for byte: the top MEM_SIZE bytes of MEM_PAGE (the page after is unmapped). */
    static final long MEM = MEM_PAGE + 0x1000 - MEM_SIZE;

    static final long CTL_PAGE = 0x10200000L;
    /** Where the emulated landing pads park RCX and R11 before their SYSCALL clobbers them. */
    static final long CTL_SAVED_RCX = CTL_PAGE + 0x800;
    static final long CTL_SAVED_R11 = CTL_PAGE + 0x808;

    /** Longest code a case may carry: one instruction or a short sequence (harness.c MAX_CODE). */
    static final int MAX_CODE = 111;
    static final int PAGE = 0x1000;

    private Layout() {
    }

    static long entry(int length) {
        return PAD0 - length;
    }

    /** Every 32-byte slot of the code page is a landing pad except the one the instruction occupies. */
    static boolean isPad(long rip) {
        return rip >= CODE_PAGE && rip < CODE_PAGE + PAGE && (rip - CODE_PAGE) % PAD_SPACING == 0
                && rip != PAD0 - PAD_SPACING;
    }

    /** A pad that code starting at {@code entry} (a longer sequence may cover pads below PAD0) left intact. */
    static boolean isPadFor(long rip, long entry) {
        return isPad(rip) && (rip >= PAD0 || rip + PAD_SPACING <= entry);
    }
}
