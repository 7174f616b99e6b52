package dev.boardup.memory;

import dev.boardup.cpu.CpuException;

/**
 * #PF: the page walk for {@link #address} failed. {@link #errorCode} has the architectural bits
 * (P: protection violation rather than not-present, W: write, U: user mode, I: instruction fetch);
 * the kernel reads {@link #address} as CR2.
 */
public final class PageFault extends CpuException {
    private static final long serialVersionUID = 1L;
    public static final int P = 1, W = 2, U = 4, RSVD = 8, I = 16;

    public final long address;
    public final int errorCode;

    public PageFault(long address, int errorCode) {
        this.address = address;
        this.errorCode = errorCode;
    }

    @Override
    public int vector() {
        return 14;
    }

    @Override
    public String describe() {
        return String.format("#PF at 0x%x error code 0x%x (%s, %s, %s%s)", address, errorCode,
                (errorCode & P) != 0 ? "protection" : "not present",
                (errorCode & I) != 0 ? "fetch" : (errorCode & W) != 0 ? "write" : "read",
                (errorCode & U) != 0 ? "user" : "supervisor",
                (errorCode & RSVD) != 0 ? ", reserved bit" : "");
    }
}
