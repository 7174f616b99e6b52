package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The comparison catches every kind of difference it claims to, and forgives only undefined flags. */
class CompareTest {
    private final Form form = form(Catalog.AF);
    private final MachineState in = Inputs.random(new Random(3));
    private final MachineState expected = in.copy();

    private static Form form(long undefined) {
        Form f = new Form("and r/m64,r64", "and %rax,%rcx", Form.Setup.NONE, Form.FlagRule.always(undefined));
        f.bytes = new byte[] {0x48, 0x21, (byte) 0xc1};
        return f;
    }

    @Test
    void identicalStatesAgree() {
        assertNull(Compare.diff(form, in, expected, expected.copy()));
    }

    @Test
    void everyRegisterCounts() {
        for (int i = 0; i < 16; i++) {
            MachineState actual = expected.copy();
            actual.gpr[i] ^= 1L << 40;
            String report = Compare.diff(form, in, expected, actual);
            assertNotNull(report, MachineState.GPR_NAMES[i]);
            assertTrue(report.contains(MachineState.GPR_NAMES[i] + ": native"), report);
        }
    }

    @Test
    void ripXmmMemoryAndFaultsCount() {
        MachineState actual = expected.copy();
        actual.rip += 2;
        assertNotNull(Compare.diff(form, in, expected, actual));
        actual = expected.copy();
        actual.xmm[31] ^= 1;
        assertNotNull(Compare.diff(form, in, expected, actual));
        actual = expected.copy();
        actual.mem[Layout.MEM_SIZE - 1] ^= 0x10;
        assertTrue(Compare.diff(form, in, expected, actual).contains("memory at"));
        actual = expected.copy();
        actual.vector = 6;
        assertTrue(Compare.diff(form, in, expected, actual).contains("#UD"));
        actual = expected.copy();
        actual.outsideWrite = true;
        assertNotNull(Compare.diff(form, in, expected, actual));
    }

    @Test
    void definedFlagsCountUndefinedOnesDoNot() {
        for (long flag : new long[] {Catalog.CF, Catalog.PF, Catalog.ZF, Catalog.SF, Catalog.OF, Catalog.DF}) {
            MachineState actual = expected.copy();
            actual.rflags ^= flag;
            assertNotNull(Compare.diff(form, in, expected, actual), MachineState.flagNames(flag));
        }
        MachineState actual = expected.copy();
        actual.rflags ^= Catalog.AF;
        assertNull(Compare.diff(form, in, expected, actual), "AF is undefined after AND");
        assertNotNull(Compare.diff(form(0), in, expected, actual), "AF is defined after ADD");
    }

    @Test
    void flagsOutsideTheArithmeticSetAreIgnored() {
        MachineState actual = expected.copy();
        actual.rflags ^= 0x10000; // RF, which the kernel's signal frame shows after a fault
        assertNull(Compare.diff(form, in, expected, actual));
    }
}
