package dev.boardup.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Straight-line sequences and small loops built from the register-only single forms: they check what single
 * instructions cannot, that state flows correctly from one instruction to the next (flags an engine computes
 * lazily or skips as dead, partial-register merges) and around a loop's back edge. (A few hundred iterations
 * each: enough for the Truffle engine to build a looping region, not to make it compile; the whole programs in
 * {@link ProgramDiffTest} run long enough for that.)
 */
final class SequenceForms extends Catalog {
    static final int STRAIGHT = 80;
    static final int LOOPS = 16;
    static final int MEMORY_SEQUENCES = 32;
    private static final java.util.regex.Pattern WRITES_RBX = java.util.regex.Pattern.compile("%(rbx|ebx|bx|bl|bh)\\b");
    static final int PER_GROUP = 8;
    private static final Set<String> UNSUITABLE = Set.of("div", "idiv", "ud2", "int3", "hlt", "push", "pop",
            "pushfq", "popfq", "enter", "leave", "shld", "shrd", "lfence", "mfence", "sfence", "prefetcht0");

    SequenceForms(long seed, List<Form> singles) {
        super(seed);
        List<Form> pool = new ArrayList<>();
        for (Form f : singles) {
            if (suitable(f)) {
                pool.add(f);
            }
        }
        for (int i = 0; i < STRAIGHT; i++) {
            List<Form> parts = draw(pool, 3 + random.nextInt(6), false);
            StringBuilder asm = new StringBuilder();
            parts.forEach(p -> asm.append(p.asm).append('\n'));
            if (random.nextBoolean()) {
                asm.append(String.format(".byte 0x%x, 0x20%n", 0x70 + random.nextInt(16)));
            }
            add("sequence #" + (i / PER_GROUP), asm.toString().trim(), Form.Setup.NONE, undefinedUnion(parts));
        }
        // Memory through RBX (the only register the parts leave alone), mixed with register forms.
        List<Form> memoryPool = new ArrayList<>();
        for (Form f : singles) {
            if (f.setup == MEMS[0].setup() && !NotYetImplemented.excluded(f)
                    && !UNSUITABLE.contains(f.mnemonic())) {
                memoryPool.add(f);
            }
        }
        List<Form> registerPool = pool.stream().filter(f -> !WRITES_RBX.matcher(f.asm).find()).toList();
        for (int i = 0; i < MEMORY_SEQUENCES; i++) {
            StringBuilder asm = new StringBuilder();
            List<Form> parts = new ArrayList<>();
            int n = 3 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                List<Form> from = k % 2 == 0 ? memoryPool : registerPool;
                Form f = from.get(random.nextInt(from.size()));
                parts.add(f);
                asm.append(f.asm).append('\n');
            }
            add("memory sequence #" + (i / PER_GROUP), asm.toString().trim(), MEMS[0].setup(), undefinedUnion(parts));
        }
        for (int i = 0; i < LOOPS; i++) {
            List<Form> parts = draw(pool, 2 + random.nextInt(5), true);
            StringBuilder asm = new StringBuilder("1:\n");
            parts.forEach(p -> asm.append(p.asm).append('\n'));
            asm.append("dec %r15\njnz 1b");
            add("loop #" + i, asm.toString(), bounded(R15, 200, 1000), undefinedUnion(parts));
        }
    }

    /** Register-only, non-branching, non-faulting forms the CPU implements. */
    private static boolean suitable(Form f) {
        return f.setup == Form.Setup.NONE && !f.asm.contains("(") && !f.asm.contains("0x1010")
                && !f.asm.startsWith(".byte") && !f.asm.startsWith("j") && !f.asm.startsWith("call")
                && !f.asm.startsWith("ret") && !f.asm.startsWith("loop") && !f.asm.contains("\n")
                && !UNSUITABLE.contains(f.mnemonic()) && !f.group.contains(" m") && !f.group.contains("#")
                && !NotYetImplemented.excluded(f);
    }

    private List<Form> draw(List<Form> pool, int n, boolean avoidLoopCounter) {
        List<Form> parts = new ArrayList<>();
        while (parts.size() < n) {
            Form f = pool.get(random.nextInt(pool.size()));
            if (avoidLoopCounter && (f.asm.contains("r15") || f.asm.contains("%rsp") || f.asm.contains("%esp"))) {
                continue;
            }
            parts.add(f);
        }
        return parts;
    }

    /** Flags any part may leave undefined, judged on the input state (counts in CL may change on the way). */
    private static Form.FlagRule undefinedUnion(List<Form> parts) {
        return in -> {
            long u = 0;
            for (Form p : parts) {
                u |= p.undefinedFlags.undefined(in);
            }
            return u;
        };
    }
}
