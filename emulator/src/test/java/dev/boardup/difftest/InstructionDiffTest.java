package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instruction-level differential test: every catalogued form, on random and edge-case inputs, executed on
 * this machine's CPU and on every emulated engine; registers, RIP, flags, XMM, MXCSR, scratch memory and
 * faults must agree. One dynamic test per engine and form group.
 *
 * <p>System properties: {@code difftest.cases=N} random cases per form (default 12; 1000 makes a run of
 * millions), {@code difftest.seed=S} another seed, {@code difftest.only=REGEX} only the groups whose name matches,
 * {@code difftest.strictFlags=true} also compare flags the manuals leave undefined.
 *
 * <p>The Truffle engine normally runs these short cases in its interpreter. To judge its Graal-compiled code
 * instead, add {@code -Dpolyglot.engine.CompileImmediately=true -Dpolyglot.engine.BackgroundCompilation=false}
 * (every region compiles before it first runs; slow, so pair it with {@code difftest.only} or few cases).
 */
class InstructionDiffTest {
    /** Mismatch reports printed per failing group; the count of all mismatches is always given. */
    static final int REPORTS_PER_GROUP = 3;
    static final Pattern ONLY = System.getProperty("difftest.only") == null ? null
            : Pattern.compile(System.getProperty("difftest.only"));

    @TempDir
    static Path work;
    static DiffCases cases;

    @BeforeAll
    static void assembleAndBuild() throws Exception {
        cases = DiffCases.build(work);
        long forms = cases.groups.values().stream().mapToLong(List::size).sum();
        System.out.printf("difftest: %d forms in %d groups, %d cases per form, seed %x%n", forms,
                cases.groups.size(), DiffCases.CASES_PER_FORM, DiffCases.SEED);
    }

    @TestFactory
    Stream<DynamicNode> nativeVersusEmulator() {
        return Cpus.all().stream().map(cpu -> DynamicContainer.dynamicContainer(cpu.name(),
                cases.groups.keySet().stream()
                        .filter(group -> !NotYetImplemented.excluded(cases.groups.get(group).get(0)))
                        .filter(group -> ONLY == null || ONLY.matcher(group).find())
                        .map(group -> DynamicTest.dynamicTest(group, () -> check(cpu, group)))));
    }

    private static void check(EmulatedCpu cpu, String group) throws Exception {
        List<String> reports = new ArrayList<>();
        long[] counts = new long[2];
        cases.forEachCase(group, c -> {
            counts[0]++;
            String report;
            try {
                report = Compare.diff(c.form(), c.input(), c.expected(), cpu.run(c.form(), c.input()));
            } catch (RuntimeException e) {
                report = c.form() + "\n  input: " + c.input().describeRegisters() + "\n  emulator threw " + e;
            }
            if (report != null) {
                counts[1]++;
                if (reports.size() < REPORTS_PER_GROUP) {
                    reports.add(report);
                }
            }
        });
        if (counts[1] != 0) {
            fail(String.format("[%s] %s: %d of %d cases differ from the native CPU (seed %x)%n%s", cpu.name(), group,
                    counts[1], counts[0], DiffCases.SEED, String.join("\n", reports)));
        }
    }

    /** A stale exclusion hides nothing; every entry must still name a catalogued group or mnemonic. */
    @Test
    void exclusionsNameRealForms() {
        Set<String> known = new TreeSet<>(cases.groups.keySet());
        cases.groups.values().forEach(forms -> forms.forEach(f -> known.add(f.mnemonic())));
        Set<String> unknown = new TreeSet<>(NotYetImplemented.FORMS);
        NotYetImplemented.KNOWN_MISMATCHES.stream().filter(g -> !cases.groups.containsKey(g)).forEach(unknown::add);
        unknown.removeAll(known);
        Programs.ALL.forEach(p -> known.add(p.name()));
        NotYetImplemented.PROGRAMS.stream().filter(p -> !known.contains(p)).forEach(unknown::add);
        assertEquals(Set.of(), unknown, "exclusions that match no form");
    }
}
