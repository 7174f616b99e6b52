package dev.boardup.cpu;

import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * An exception the CPU raises while executing an instruction (#DE, #UD, #GP, #PF, #BP...).
 * RIP in {@link CpuState} still points at the faulting instruction when it is thrown, as on hardware,
 * so the kernel can restart it after resolving the fault.
 *
 * <p>A {@link ControlFlowException}: it has no stack trace, so raising one from compiled guest code is cheap.
 */
public abstract class CpuException extends ControlFlowException {
    private static final long serialVersionUID = 1L;

    /** The architectural vector number (0 = #DE, 3 = #BP, 6 = #UD, 13 = #GP, 14 = #PF...). */
    public abstract int vector();

    /** A one-line human description, e.g. "#UD invalid opcode". */
    public abstract String describe();
}
