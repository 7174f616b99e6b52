package dev.boardup.difftest;

import java.util.Random;

/**
 * One concrete instruction under test: its assembler text, the bytes GNU as made of it, how to shape random
 * inputs so that it stays inside the scratch area, and which flags the architecture leaves undefined for a
 * given input (those are compared only with -Ddifftest.strictFlags=true).
 */
final class Form {
    /** Adjusts a random input state: pointers into scratch memory, bounded counts, aligned stacks. */
    interface Setup {
        void apply(Random random, MachineState in);

        Setup NONE = (random, in) -> { };

        default Setup then(Setup next) {
            return (random, in) -> {
                apply(random, in);
                next.apply(random, in);
            };
        }
    }

    /** The RFLAGS bits whose result is architecturally undefined for this input. */
    interface FlagRule {
        long undefined(MachineState in);

        FlagRule NONE = in -> 0;

        static FlagRule always(long mask) {
            return in -> mask;
        }
    }

    /** The group this form is reported under and can be excluded by, e.g. "add r/m64,r64". */
    final String group;
    final String asm;
    final Setup setup;
    final FlagRule undefinedFlags;
    byte[] bytes;

    Form(String group, String asm, Setup setup, FlagRule undefinedFlags) {
        this.group = group;
        this.asm = asm;
        this.setup = setup;
        this.undefinedFlags = undefinedFlags;
    }

    String mnemonic() {
        String m = group.split(" ")[0];
        return m;
    }

    String bytesHex() {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return asm + "  [" + bytesHex() + "]";
    }
}
