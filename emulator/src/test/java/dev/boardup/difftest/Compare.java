package dev.boardup.difftest;

/**
 * Compares the state the native CPU left with the one the emulator left, and words the difference so the CPU's
 * author can reproduce it: instruction text and bytes, the input, then native and emulated side by side.
 */
final class Compare {
    static final long COMPARED_FLAGS = Catalog.ARITH | Catalog.DF;
    static final boolean STRICT_FLAGS = Boolean.getBoolean("difftest.strictFlags");

    private Compare() {
    }

    /** Null if the states agree, otherwise a multi-line report. */
    static String diff(Form form, MachineState in, MachineState expected, MachineState actual) {
        StringBuilder d = new StringBuilder();
        if (expected.vector != actual.vector) {
            d.append(String.format("  fault: native %s, emulator %s%n", vectorName(expected.vector), vectorName(actual.vector)));
        }
        for (int i = 0; i < 16; i++) {
            if (expected.gpr[i] != actual.gpr[i]) {
                d.append(String.format("  %s: native %016x emulator %016x%n", MachineState.GPR_NAMES[i], expected.gpr[i], actual.gpr[i]));
            }
        }
        if (expected.rip != actual.rip) {
            d.append(String.format("  rip: native %x emulator %x%n", expected.rip, actual.rip));
        }
        long mask = COMPARED_FLAGS & (STRICT_FLAGS ? -1L : ~form.undefinedFlags.undefined(in));
        if (((expected.rflags ^ actual.rflags) & mask) != 0) {
            d.append(String.format("  rflags: native %x [%s] emulator %x [%s] (compared: %s)%n",
                    expected.rflags & COMPARED_FLAGS, MachineState.flagNames(expected.rflags & COMPARED_FLAGS),
                    actual.rflags & COMPARED_FLAGS, MachineState.flagNames(actual.rflags & COMPARED_FLAGS),
                    MachineState.flagNames(mask)));
        }
        for (int i = 0; i < 32; i += 2) {
            if (expected.xmm[i] != actual.xmm[i] || expected.xmm[i + 1] != actual.xmm[i + 1]) {
                d.append(String.format("  xmm%d: native %016x_%016x emulator %016x_%016x%n", i / 2,
                        expected.xmm[i + 1], expected.xmm[i], actual.xmm[i + 1], actual.xmm[i]));
            }
        }
        diffX87(expected, actual, d);
        if (expected.mxcsr != actual.mxcsr) {
            d.append(String.format("  mxcsr: native %x emulator %x%n", expected.mxcsr, actual.mxcsr));
        }
        if (expected.vector == 14 && actual.vector == 14
                && (expected.cr2 != actual.cr2 || expected.faultWasWrite != actual.faultWasWrite)) {
            d.append(String.format("  #PF: native cr2=%x %s, emulator cr2=%x %s%n", expected.cr2,
                    expected.faultWasWrite ? "write" : "read", actual.cr2, actual.faultWasWrite ? "write" : "read"));
        }
        for (int i = 0; i < Layout.MEM_SIZE; i++) {
            if (expected.mem[i] != actual.mem[i]) {
                int from = i & ~15;
                int to = Math.min(Layout.MEM_SIZE, from + 32);
                d.append(String.format("  memory at %x: input %s%n                   native %s%n                 emulator %s%n",
                        Layout.MEM + from, MachineState.hex(in.mem, from, to), MachineState.hex(expected.mem, from, to),
                        MachineState.hex(actual.mem, from, to)));
                break;
            }
        }
        if (expected.outsideWrite != actual.outsideWrite) {
            d.append(String.format("  write outside scratch: native %s emulator %s%n", expected.outsideWrite, actual.outsideWrite));
        }
        if (d.isEmpty()) {
            return null;
        }
        return String.format("%s%n  input: %s%n  native:   %s%n  emulator: %s%n%s", form, in.describeRegisters(),
                expected.describeRegisters(), actual.describeRegisters(), d);
    }

    /** Control and status words, TOP, which registers are empty, and the value of every register in use. */
    private static void diffX87(MachineState expected, MachineState actual, StringBuilder d) {
        if (expected.fpuControl != actual.fpuControl || expected.fpuStatus != actual.fpuStatus
                || expected.fpuTop != actual.fpuTop || expected.fpuEmpty != actual.fpuEmpty) {
            d.append(String.format("  x87: native fcw=%x fsw=%x top=%d empty=%02x, emulator fcw=%x fsw=%x top=%d empty=%02x%n",
                    expected.fpuControl, expected.fpuStatus, expected.fpuTop, expected.fpuEmpty,
                    actual.fpuControl, actual.fpuStatus, actual.fpuTop, actual.fpuEmpty));
        }
        for (int r = 0; r < 8; r++) {
            boolean used = (expected.fpuEmpty & (1 << r)) == 0;
            if (used && (expected.fpuMantissa[r] != actual.fpuMantissa[r]
                    || (expected.fpuSignExponent[r] & 0xFFFF) != (actual.fpuSignExponent[r] & 0xFFFF))) {
                d.append(String.format("  R%d: native %04x_%016x emulator %04x_%016x%n", r,
                        expected.fpuSignExponent[r] & 0xFFFF, expected.fpuMantissa[r],
                        actual.fpuSignExponent[r] & 0xFFFF, actual.fpuMantissa[r]));
            }
        }
    }

    static String vectorName(int vector) {
        return switch (vector) {
            case MachineState.NO_FAULT -> "none";
            case 0 -> "#DE";
            case 3 -> "#BP";
            case 6 -> "#UD";
            case 13 -> "#GP";
            case 14 -> "#PF";
            case 19 -> "#XM";
            default -> "vector " + vector;
        };
    }
}
