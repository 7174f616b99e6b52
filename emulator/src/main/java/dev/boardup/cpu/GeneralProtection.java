package dev.boardup.cpu;

/** #GP(0): a privileged instruction in user mode, a non-canonical address, a misaligned SSE access. SIGSEGV. */
public final class GeneralProtection extends CpuException {
    private static final long serialVersionUID = 1L;
    public final String reason;

    public GeneralProtection(String reason) {
        this.reason = reason;
    }

    @Override
    public int vector() {
        return 13;
    }

    @Override
    public String describe() {
        return "#GP general protection: " + reason;
    }
}
