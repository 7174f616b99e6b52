package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the oracle itself: the native harness reports what the hardware manuals say for hand-picked cases. */
class NativeHarnessTest {
    @TempDir
    static Path work;
    static NativeHarness harness;

    @BeforeAll
    static void build() throws Exception {
        harness = NativeHarness.build(work);
    }

    private static MachineState runOne(String asm, MachineState in) throws Exception {
        byte[] bytes = GnuAs.assemble(List.of(asm), work).get(0);
        return harness.run(List.of(bytes), List.of(in)).get(0);
    }

    private static MachineState zero() {
        return new MachineState();
    }

    @Test
    void addSetsResultAndFlags() throws Exception {
        MachineState in = zero();
        in.gpr[0] = 5;
        in.gpr[3] = 7;
        MachineState out = runOne("add %rbx,%rax", in);
        assertEquals(-1, out.vector);
        assertEquals(12, out.gpr[0]);
        assertEquals(7, out.gpr[3]);
        assertEquals(Layout.PAD0, out.rip);
        assertEquals(Catalog.PF, out.rflags & Catalog.ARITH, "12 has two bits set: even parity, nothing else");
    }

    @Test
    void carryOutOf32BitsAndZeroExtension() throws Exception {
        MachineState in = zero();
        in.gpr[0] = 0xFFFF_FFFF_FFFF_FFFFL;
        in.gpr[3] = 1;
        MachineState out = runOne("add %ebx,%eax", in);
        assertEquals(0, out.gpr[0], "a 32-bit result clears the upper half");
        assertEquals(Catalog.CF | Catalog.ZF | Catalog.PF | Catalog.AF, out.rflags & Catalog.ARITH);
    }

    @Test
    void divideByZeroIsVectorZeroAtTheInstruction() throws Exception {
        MachineState in = zero();
        in.gpr[0] = 1;
        MachineState out = runOne("div %rcx", in);
        assertEquals(0, out.vector);
        assertEquals(Layout.entry(3), out.rip);
        assertEquals(1, out.gpr[0]);
    }

    @Test
    void branchesLandOnPads() throws Exception {
        MachineState in = zero();
        in.rflags = 0x202 | Catalog.ZF;
        assertEquals(Layout.PAD0 + 0x20, runOne(".byte 0x74, 0x20", in).rip);
        in.rflags = 0x202;
        assertEquals(Layout.PAD0, runOne(".byte 0x74, 0x20", in).rip);
        assertEquals(Layout.PAD0 - 0x40, runOne(".byte 0xeb, 0xc0", in).rip);
    }

    @Test
    void storesAndPushesReachScratchMemory() throws Exception {
        MachineState in = zero();
        in.gpr[0] = 0x1122334455667788L;
        in.gpr[3] = Layout.MEM + 0x10;
        in.gpr[4] = Layout.MEM + 0x100;
        MachineState out = runOne("mov %rax,8(%rbx)", in);
        assertEquals(0x1122334455667788L, out.memQword(0x18));
        out = runOne("push %rax", in);
        assertEquals(0x1122334455667788L, out.memQword(0xF8));
        assertEquals(Layout.MEM + 0xF8, out.gpr[4]);
        assertFalse(out.outsideWrite);
    }

    @Test
    void pageFaultReportsAddressAndAccess() throws Exception {
        MachineState in = zero();
        in.gpr[3] = 0x7000_0000L;
        MachineState out = runOne("mov %rax,0x10(%rbx)", in);
        assertEquals(14, out.vector);
        assertEquals(0x7000_0010L, out.cr2);
        assertTrue(out.faultWasWrite);
        out = runOne("ud2", in);
        assertEquals(6, out.vector);
    }

    @Test
    void statesSurviveRoundTripUntouched() throws Exception {
        MachineState in = Inputs.random(new Random(7));
        in.rflags &= ~Catalog.DF;
        MachineState out = runOne("nop", in);
        assertEquals(-1, out.vector);
        for (int i = 0; i < 16; i++) {
            assertEquals(in.gpr[i], out.gpr[i], MachineState.GPR_NAMES[i]);
        }
        for (int i = 0; i < 32; i++) {
            assertEquals(in.xmm[i], out.xmm[i], "xmm lane " + i);
        }
        assertEquals(in.rflags & Catalog.ARITH, out.rflags & Catalog.ARITH);
        assertEquals(in.mxcsr, out.mxcsr);
        assertTrue(java.util.Arrays.equals(in.mem, out.mem));
    }

    @Test
    void x87StateGoesInAndComesOutInPhysicalRegisterOrder() throws Exception {
        MachineState in = zero();
        in.fpuTop = 2;
        in.fpuEmpty = 0xFF & ~(1 << 2);
        in.fpuSignExponent[2] = 0x4000; // R2 = ST(0) = 2.0
        in.fpuMantissa[2] = 1L << 63;
        MachineState out = runOne("fld1", in);
        assertEquals(1, out.fpuTop, "a push decrements TOP");
        assertEquals(0xFF & ~(1 << 2) & ~(1 << 1), out.fpuEmpty);
        assertEquals(0x3FFF, out.fpuSignExponent[1], "1.0 lands in R1");
        assertEquals(1L << 63, out.fpuMantissa[1]);
        assertEquals(0x4000, out.fpuSignExponent[2], "R2 keeps 2.0");
        out = runOne("faddp %st,%st(1)", out);
        assertEquals(2, out.fpuTop);
        assertEquals(0x4000, out.fpuSignExponent[2], "3.0 = 1.5 * 2^1");
        assertEquals(0xC000_0000_0000_0000L, out.fpuMantissa[2]);
    }

    /** Every catalogued form assembles to a real instruction and runs natively without taking the harness down. */
    @Test
    void wholeCatalogueRunsNatively() throws Exception {
        DiffCases cases = DiffCases.build(work);
        List<Form> forms = new ArrayList<>();
        cases.groups.values().forEach(forms::addAll);
        Random random = new Random(1);
        List<MachineState> inputs = forms.stream().map(f -> DiffCases.input(f, random)).toList();
        List<MachineState> outputs = harness.run(forms.stream().map(f -> f.bytes).toList(), inputs);
        assertEquals(forms.size(), outputs.size());
        for (int i = 0; i < forms.size(); i++) {
            assertFalse(outputs.get(i).outsideWrite, forms.get(i) + " wrote outside scratch");
        }
    }
}
