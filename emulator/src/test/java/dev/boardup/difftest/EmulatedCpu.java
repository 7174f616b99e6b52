package dev.boardup.difftest;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.memory.PageFault;

/**
 * The emulated side of a differential case: builds the same pages and registers the native harness starts
 * from, lets a subclass run the instruction, and reads the resulting state back out.
 */
abstract class EmulatedCpu {
    /** Upper bound on steps for one case: loops run thousands of iterations, a REP may step per element. */
    static final int STEP_LIMIT = 10_000_000;

    /**
     * The emulated landing pad: park RCX and R11 in the control page, then SYSCALL so an engine that runs
     * past its budget still stops here; the saved values undo SYSCALL's clobbering.
     */
    static final byte[] PAD = padBytes();
    static final int PAD_SYSCALL_END = PAD.length;

    abstract String name();

    /**
     * Runs the code at {@code cpu.rip} until control reaches a landing pad ({@link Layout#isPadFor}); faults
     * propagate, including the #PF of fetching at an unmapped branch target.
     */
    abstract void execute(CpuState cpu, FlatMemory memory);

    final MachineState run(Form form, MachineState in) {
        FlatMemory memory = new FlatMemory();
        for (long pad = Layout.CODE_PAGE; pad < Layout.CODE_PAGE + Layout.PAGE; pad += Layout.PAD_SPACING) {
            if (Layout.isPad(pad)) {
                System.arraycopy(PAD, 0, memory.code, (int) (pad - Layout.CODE_PAGE), PAD.length);
            }
        }
        long entry = Layout.entry(form.bytes.length);
        System.arraycopy(form.bytes, 0, memory.code, (int) (entry - Layout.CODE_PAGE), form.bytes.length);
        System.arraycopy(in.mem, 0, memory.data, (int) (Layout.MEM - Layout.MEM_PAGE), Layout.MEM_SIZE);

        CpuState cpu = new CpuState();
        System.arraycopy(in.gpr, 0, cpu.gpr, 0, 16);
        System.arraycopy(in.xmm, 0, cpu.xmm, 0, 32);
        cpu.setRflags(in.rflags);
        cpu.mxcsr = in.mxcsr;
        cpu.fsBase = in.fsBase;
        cpu.gsBase = in.gsBase;
        System.arraycopy(in.fpuMantissa, 0, cpu.fpuMantissa, 0, 8);
        System.arraycopy(in.fpuSignExponent, 0, cpu.fpuSignExponent, 0, 8);
        cpu.fpuTop = in.fpuTop;
        cpu.fpuEmpty = in.fpuEmpty;
        cpu.fpuControl = in.fpuControl;
        cpu.fpuStatus = in.fpuStatus;
        cpu.rip = entry;

        MachineState out = new MachineState();
        try {
            execute(cpu, memory);
            if (!Layout.isPadFor(cpu.rip, entry)) {
                throw new IllegalStateException("no landing pad reached within " + STEP_LIMIT + " steps");
            }
        } catch (CpuException fault) {
            out.vector = fault.vector();
            if (fault instanceof PageFault pf) {
                out.cr2 = pf.address;
                out.faultWasWrite = (pf.errorCode & PageFault.W) != 0;
            }
        }
        System.arraycopy(cpu.gpr, 0, out.gpr, 0, 16);
        System.arraycopy(cpu.xmm, 0, out.xmm, 0, 32);
        out.rip = cpu.rip;
        out.rflags = cpu.rflags();
        out.mxcsr = cpu.mxcsr;
        System.arraycopy(cpu.fpuMantissa, 0, out.fpuMantissa, 0, 8);
        for (int i = 0; i < 8; i++) {
            out.fpuSignExponent[i] = cpu.fpuSignExponent[i] & 0xFFFF;
        }
        out.fpuTop = cpu.fpuTop;
        out.fpuEmpty = cpu.fpuEmpty;
        out.fpuControl = cpu.fpuControl;
        out.fpuStatus = cpu.fpuStatus;
        System.arraycopy(memory.data, (int) (Layout.MEM - Layout.MEM_PAGE), out.mem, 0, Layout.MEM_SIZE);
        out.outsideWrite = memory.outsideScratchWritten();
        return out;
    }

    /** After an engine stopped at or inside a pad: rewinds RIP to the pad and undoes SYSCALL's RCX/R11. */
    static void settleInPad(CpuState cpu, FlatMemory memory, boolean stoppedBySyscall) {
        long pad = cpu.rip - (stoppedBySyscall ? PAD_SYSCALL_END : 0);
        pad -= Math.floorMod(pad - Layout.CODE_PAGE, Layout.PAD_SPACING);
        if (!Layout.isPad(pad)) {
            return;
        }
        if (stoppedBySyscall) {
            cpu.gpr[CpuState.RCX] = memory.read64(Layout.CTL_SAVED_RCX);
            cpu.gpr[CpuState.R11] = memory.read64(Layout.CTL_SAVED_R11);
        }
        cpu.rip = pad;
    }

    private static byte[] padBytes() {
        int rcx = (int) Layout.CTL_SAVED_RCX;
        int r11 = (int) Layout.CTL_SAVED_R11;
        return new byte[] {
            0x48, (byte) 0x89, 0x0c, 0x25, (byte) rcx, (byte) (rcx >> 8), (byte) (rcx >> 16), (byte) (rcx >> 24),
            0x4c, (byte) 0x89, 0x1c, 0x25, (byte) r11, (byte) (r11 >> 8), (byte) (r11 >> 16), (byte) (r11 >> 24),
            0x0f, 0x05,
        };
    }
}
