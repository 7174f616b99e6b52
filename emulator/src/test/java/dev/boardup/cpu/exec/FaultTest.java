package dev.boardup.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.Breakpoint;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.GeneralProtection;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.PageFault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults: each leaves RIP at the faulting instruction and no partial effects; string instructions restart.
 * Encodings are literal bytes (checked against GNU as in the corpus test).
 */
class FaultTest {
    static final long CODE = 0x401000, DATA = 0x402000, END = 0x410000;

    FlatMemory mem;
    CpuState cpu;
    Interpreter engine;

    @BeforeEach
    void setUp() {
        mem = new FlatMemory(0x400000, (int) (END - 0x400000));
        cpu = new CpuState();
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = END - 0x100;
        engine = new Interpreter();
    }

    private void code(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        mem.load(CODE, b);
        engine.invalidate(CODE, CODE + b.length);
    }

    private <T extends CpuException> T fault(Class<T> type) {
        CpuState before = new CpuState();
        before.copyFrom(cpu);
        T e = assertThrows(type, () -> engine.run(cpu, mem, 1));
        if (!(e instanceof Breakpoint)) {
            assertEquals(before.rip, cpu.rip, "RIP stays at the faulting instruction");
        }
        assertArrayEquals(before.gpr, cpu.gpr, "no register changed");
        assertEquals(before.rflags(), cpu.rflags(), "no flag changed");
        return e;
    }

    @Test
    void divideByZeroIsDivideError() {
        code(0x48, 0xF7, 0xF1); // div %rcx
        cpu.gpr[CpuState.RAX] = 10;
        assertEquals(0, fault(DivideError.class).vector());
    }

    @Test
    void quotientOverflowIsDivideError() {
        code(0x48, 0xF7, 0xF9); // idiv %rcx
        cpu.gpr[CpuState.RAX] = Long.MIN_VALUE;
        cpu.gpr[CpuState.RDX] = -1;
        cpu.gpr[CpuState.RCX] = -1;
        fault(DivideError.class);
        code(0xF7, 0xF1); // div %ecx with EDX >= ECX
        cpu.gpr[CpuState.RDX] = 5;
        cpu.gpr[CpuState.RCX] = 5;
        fault(DivideError.class);
    }

    @Test
    void ud2AndUnknownBytesAreInvalidOpcode() {
        code(0x0F, 0x0B);
        fault(InvalidOpcode.class);
        code(0x0F, 0x04); // an undefined 0F opcode
        InvalidOpcode e = fault(InvalidOpcode.class);
        assertEquals(CODE, e.rip);
        assertArrayEquals(new byte[] {0x0F, 0x04}, e.bytes);
    }

    @Test
    void lockOnRegisterDestinationIsInvalid() {
        code(0xF0, 0x48, 0x01, 0xC3); // lock add %rax,%rbx
        fault(InvalidOpcode.class);
    }

    @Test
    void int3StopsPastItself() {
        code(0xCC);
        Breakpoint bp = fault(Breakpoint.class);
        assertEquals(3, bp.vector());
        assertEquals(CODE + 1, cpu.rip);
    }

    @Test
    void privilegedInstructionsAreGeneralProtection() {
        code(0xF4); // hlt
        fault(GeneralProtection.class);
        code(0x0F, 0x22, 0xD8); // mov %rax,%cr3
        fault(GeneralProtection.class);
    }

    @Test
    void overlongInstructionIsGeneralProtection() {
        int[] bytes = new int[16];
        java.util.Arrays.fill(bytes, 0x66);
        bytes[15] = 0x90;
        code(bytes);
        fault(GeneralProtection.class);
    }

    @Test
    void fetchFaultReportsInstructionFetch() {
        cpu.rip = END - 2;
        mem.bytes[(int) (END - 2 - mem.base)] = 0x48;
        mem.bytes[(int) (END - 1 - mem.base)] = (byte) 0xB8; // movabs needs 8 more bytes past the end
        PageFault pf = fault(PageFault.class);
        assertEquals(END, pf.address);
        assertTrue((pf.errorCode & PageFault.I) != 0);
    }

    @Test
    void misalignedMovapsIsGeneralProtection() {
        code(0x0F, 0x28, 0x00); // movaps (%rax),%xmm0
        cpu.gpr[CpuState.RAX] = DATA + 8;
        fault(GeneralProtection.class);
        cpu.gpr[CpuState.RAX] = DATA + 16;
        engine.run(cpu, mem, 1);
        assertEquals(CODE + 3, cpu.rip);
    }

    @Test
    void nonCanonicalAddressIsGeneralProtection() {
        code(0x48, 0x8B, 0x00); // mov (%rax),%rax
        cpu.gpr[CpuState.RAX] = 0x0000800000000000L;
        fault(GeneralProtection.class);
    }

    @Test
    void failedStoreLeavesNoTrace() {
        code(0x48, 0x87, 0x18); // xchg %rbx,(%rax)
        cpu.gpr[CpuState.RAX] = DATA;
        cpu.gpr[CpuState.RBX] = 42;
        mem.writeLimit = DATA;
        fault(PageFault.class);
        code(0x0F, 0x11, 0x00); // movups %xmm0,(%rax): 16 bytes straddling into read-only memory
        cpu.gpr[CpuState.RAX] = DATA - 8;
        mem.writeLimit = Long.MAX_VALUE;
        mem.write64(DATA - 8, 0x1111);
        mem.writeLimit = DATA;
        cpu.xmm[0] = -1;
        cpu.xmm[1] = -1;
        fault(PageFault.class);
        assertEquals(0x1111, mem.read64(DATA - 8));
    }

    @Test
    void repMovsbRestartsAfterPageFault() {
        code(0xF3, 0xA4); // rep movsb
        for (int i = 0; i < 100; i++) {
            mem.bytes[(int) (DATA - mem.base) + i] = (byte) (i + 1);
        }
        long dst = DATA + 0x1000 - 40;
        cpu.gpr[CpuState.RSI] = DATA;
        cpu.gpr[CpuState.RDI] = dst;
        cpu.gpr[CpuState.RCX] = 100;
        mem.writeLimit = DATA + 0x1000;
        PageFault pf = assertThrows(PageFault.class, () -> engine.run(cpu, mem, 10));
        assertEquals(DATA + 0x1000, pf.address);
        assertEquals(CODE, cpu.rip);
        assertEquals(60, cpu.gpr[CpuState.RCX]);
        assertEquals(DATA + 40, cpu.gpr[CpuState.RSI]);
        assertEquals(dst + 40, cpu.gpr[CpuState.RDI]);
        mem.writeLimit = Long.MAX_VALUE; // the kernel "maps" the page; the instruction resumes
        assertEquals(Engine.Stop.BUDGET, engine.run(cpu, mem, 1));
        assertEquals(CODE + 2, cpu.rip);
        assertEquals(0, cpu.gpr[CpuState.RCX]);
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, mem.read8(dst + i));
        }
    }

    @Test
    void popIntoMemoryUsesIncrementedRsp() {
        code(0x8F, 0x04, 0x24); // pop (%rsp)
        long sp = cpu.gpr[CpuState.RSP];
        mem.write64(sp, 0x1234);
        engine.run(cpu, mem, 1);
        assertEquals(sp + 8, cpu.gpr[CpuState.RSP]);
        assertEquals(0x1234, mem.read64(sp + 8));
    }

    @Test
    void cpuidReportsOnlyImplementedFeatures() {
        code(0x0F, 0xA2, 0x0F, 0xA2); // cpuid; cpuid
        cpu.gpr[CpuState.RAX] = 0;
        engine.run(cpu, mem, 1);
        String vendor = word(cpu.gpr[CpuState.RBX]) + word(cpu.gpr[CpuState.RDX]) + word(cpu.gpr[CpuState.RCX]);
        assertEquals("BoardupVirtC", vendor);
        cpu.gpr[CpuState.RAX] = 1;
        engine.run(cpu, mem, 1);
        long edx = cpu.gpr[CpuState.RDX];
        long ecx = cpu.gpr[CpuState.RCX];
        assertTrue((edx & (1 << 25)) != 0 && (edx & (1 << 26)) != 0, "SSE and SSE2");
        assertTrue((edx & (1 << 15)) != 0 && (edx & (1 << 8)) != 0, "CMOV and CX8");
        assertTrue((ecx & (1 << 23)) != 0, "POPCNT");
        assertFalse((ecx & 1) != 0, "no SSE3");
        assertFalse((ecx & (1 << 28)) != 0, "no AVX");
        assertFalse((ecx & (1 << 26)) != 0, "no XSAVE");
    }

    private static String word(long v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append((char) ((v >>> (8 * i)) & 0xFF));
        }
        return sb.toString();
    }

    @Test
    void rdtscIsMonotonic() {
        code(0x0F, 0x31, 0x0F, 0x31);
        engine.run(cpu, mem, 1);
        long first = cpu.gpr[CpuState.RDX] << 32 | cpu.gpr[CpuState.RAX];
        engine.run(cpu, mem, 1);
        long second = cpu.gpr[CpuState.RDX] << 32 | cpu.gpr[CpuState.RAX];
        assertTrue(second > first);
    }

    @Test
    void invalidateForgetsDecodedCode() {
        code(0xB0, 0x01, 0xEB, 0xFC); // 1: mov $1,%al; jmp 1b
        engine.run(cpu, mem, 2);
        assertEquals(1, cpu.gpr[CpuState.RAX] & 0xFF);
        mem.bytes[(int) (CODE + 1 - mem.base)] = 2; // self-modifying write, reported by the kernel
        engine.invalidate(CODE + 1, CODE + 2);
        engine.run(cpu, mem, 1);
        assertEquals(2, cpu.gpr[CpuState.RAX] & 0xFF);
    }

    @Test
    void instructionsEndBlocksWhereControlLeaves() {
        code(0x48, 0x01, 0xD8, 0xE8, 0, 0, 0, 0, 0x0F, 0x05, 0xCC);
        Instruction add = Decoder.decode(mem, CODE);
        Instruction call = Decoder.decode(mem, CODE + 3);
        assertFalse(add.endsBlock());
        assertTrue(call.endsBlock());
        assertEquals(CODE + 8, call.operand(0).imm);
        assertTrue(Decoder.decode(mem, CODE + 8).endsBlock());
        assertTrue(Decoder.decode(mem, CODE + 10).endsBlock());
    }
}
