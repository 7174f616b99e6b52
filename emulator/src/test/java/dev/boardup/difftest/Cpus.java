package dev.boardup.difftest;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.machine.Engines;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every way the emulator can run an instruction; each differential case runs on all of them. */
final class Cpus {
    private Cpus() {
    }

    /** The bare executor, then every engine the machine offers (Engines.names(): interpreter, truffle...). */
    static List<EmulatedCpu> all() {
        List<EmulatedCpu> cpus = new ArrayList<>();
        cpus.add(new Stepper());
        for (String name : Engines.names()) {
            cpus.add(new OnEngine(() -> Engines.create(name)));
        }
        return cpus;
    }

    /** Decoder + Executor directly, one instruction (or one REP iteration) per step, until a landing pad. */
    static final class Stepper extends EmulatedCpu {
        @Override
        String name() {
            return "executor";
        }

        @Override
        void execute(CpuState cpu, FlatMemory memory) {
            long entry = cpu.rip;
            for (int step = 0; step < STEP_LIMIT && !Layout.isPadFor(cpu.rip, entry); step++) {
                Executor.execute(Decoder.decode(memory, cpu.rip), cpu, memory);
            }
        }
    }

    /**
     * An {@link Engine} given a generous budget: it runs the code and on into the landing pad, whose SYSCALL
     * stops it (see {@link EmulatedCpu#PAD}). One engine serves every case; it is told the code page changed only
     * when the bytes did, so a group's repeated loop cases can get hot enough to compile.
     */
    static final class OnEngine extends EmulatedCpu {
        static final long BUDGET = 1 << 16;
        private final Engine engine;
        private byte[] lastCode;

        OnEngine(Supplier<Engine> factory) {
            this.engine = factory.get();
        }

        @Override
        String name() {
            return engine.name();
        }

        @Override
        void execute(CpuState cpu, FlatMemory memory) {
            if (!java.util.Arrays.equals(lastCode, memory.code)) {
                engine.invalidate(Layout.CODE_PAGE, Layout.CODE_PAGE + Layout.PAGE);
                lastCode = memory.code.clone();
            }
            long entry = cpu.rip;
            for (long executed = 0; executed < STEP_LIMIT; executed += BUDGET) {
                if (engine.run(cpu, memory, BUDGET) == Engine.Stop.SYSCALL) {
                    settleInPad(cpu, memory, true);
                    return;
                }
                if (Layout.isPadFor(cpu.rip, entry)) {
                    return;
                }
            }
        }
    }
}
