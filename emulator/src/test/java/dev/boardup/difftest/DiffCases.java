package dev.boardup.difftest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The whole catalogue of forms, assembled once, and the random cases for one group of them, executed natively.
 * Cases are derived from the seed and the group name only, so every engine sees the same ones.
 */
final class DiffCases {
    static final long SEED = Long.getLong("difftest.seed", 0xB0A2D_0001L);
    /** Random cases per form; raise with -Ddifftest.cases=N for a long run. */
    static final int CASES_PER_FORM = Integer.getInteger("difftest.cases", 12);
    /** Cases per native harness launch, so long runs stream instead of holding everything. */
    static final int CHUNK = 4096;

    record Case(Form form, MachineState input, MachineState expected) {
    }

    /** Below this many cases in all, every group is executed natively up front in a single harness run. */
    static final long PRECOMPUTE_LIMIT = 100_000;

    final NativeHarness harness;
    final Map<String, List<Form>> groups = new LinkedHashMap<>();
    private final Map<String, List<Case>> precomputed = new HashMap<>();

    private DiffCases(NativeHarness harness, List<Form> forms) {
        this.harness = harness;
        for (Form f : forms) {
            groups.computeIfAbsent(f.group, g -> new ArrayList<>()).add(f);
        }
    }

    static DiffCases build(Path workDir) throws IOException, InterruptedException {
        List<Form> forms = new ArrayList<>(new IntegerForms(SEED).forms);
        forms.addAll(new SseForms(SEED + 1).forms);
        forms.addAll(new X87Forms(SEED + 3).forms);
        forms.addAll(new SequenceForms(SEED + 2, forms).forms);
        List<String> texts = forms.stream().map(f -> f.asm).toList();
        List<byte[]> bytes = GnuAs.assemble(texts, workDir);
        for (int i = 0; i < forms.size(); i++) {
            forms.get(i).bytes = bytes.get(i);
        }
        DiffCases cases = new DiffCases(NativeHarness.build(workDir), forms);
        if ((long) forms.size() * CASES_PER_FORM <= PRECOMPUTE_LIMIT) {
            cases.precomputeAll();
        }
        return cases;
    }

    /** One native run for every group (launching the harness per group would dominate the suite's time). */
    private void precomputeAll() throws IOException, InterruptedException {
        List<Form> allForms = new ArrayList<>();
        List<MachineState> allInputs = new ArrayList<>();
        for (String group : groups.keySet()) {
            List<Form> forms = groups.get(group);
            Random random = new Random(SEED ^ group.hashCode());
            for (long n = 0; n < (long) forms.size() * CASES_PER_FORM; n++) {
                Form form = forms.get((int) (n % forms.size()));
                allForms.add(form);
                allInputs.add(input(form, random));
            }
        }
        List<MachineState> results = harness.run(allForms.stream().map(f -> f.bytes).toList(), allInputs);
        for (int i = 0; i < results.size(); i++) {
            Form form = allForms.get(i);
            precomputed.computeIfAbsent(form.group, g -> new ArrayList<>()).add(new Case(form, allInputs.get(i), results.get(i)));
        }
    }

    /** Feeds every case of {@code group} to {@code consumer}, natively executed, chunk by chunk. */
    void forEachCase(String group, java.util.function.Consumer<Case> consumer) throws IOException, InterruptedException {
        if (precomputed.containsKey(group)) {
            precomputed.get(group).forEach(consumer);
            return;
        }
        List<Form> forms = groups.get(group);
        Random random = new Random(SEED ^ group.hashCode());
        long total = (long) forms.size() * CASES_PER_FORM;
        List<Form> chunkForms = new ArrayList<>();
        List<MachineState> chunkInputs = new ArrayList<>();
        for (long n = 0; n < total; n++) {
            Form form = forms.get((int) (n % forms.size()));
            chunkForms.add(form);
            chunkInputs.add(input(form, random));
            if (chunkForms.size() == CHUNK || n == total - 1) {
                List<MachineState> results = harness.run(chunkForms.stream().map(f -> f.bytes).toList(), chunkInputs);
                for (int i = 0; i < results.size(); i++) {
                    consumer.accept(new Case(chunkForms.get(i), chunkInputs.get(i), results.get(i)));
                }
                chunkForms.clear();
                chunkInputs.clear();
            }
        }
    }

    static MachineState input(Form form, Random random) {
        MachineState in = Inputs.random(random);
        form.setup.apply(random, in);
        in.rip = Layout.entry(form.bytes.length);
        return in;
    }
}
