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

    /** Decoder + Executor directly, one instruction (or one REP iteration) per step. */
    static final class Stepper extends EmulatedCpu {
        @Override
        String name() {
            return "executor";
        }

        @Override
        void execute(CpuState cpu, FlatMemory memory) {
            long entry = cpu.rip;
            for (int step = 0; step < STEP_LIMIT && cpu.rip == entry; step++) {
                Executor.execute(Decoder.decode(memory, cpu.rip), cpu, memory);
            }
        }
    }

    /**
     * An {@link Engine} run with a budget of one; if it runs on into a landing pad, the pad's SYSCALL stops it.
     * One engine serves every case, told before each that the code page changed.
     */
    static final class OnEngine extends EmulatedCpu {
        private final Engine engine;

        OnEngine(Supplier<Engine> factory) {
            this.engine = factory.get();
        }

        @Override
        String name() {
            return engine.name();
        }

        @Override
        void execute(CpuState cpu, FlatMemory memory) {
            engine.invalidate(Layout.CODE_PAGE, Layout.CODE_PAGE + Layout.PAGE);
            long entry = cpu.rip;
            for (int step = 0; step < STEP_LIMIT; step++) {
                Engine.Stop stop = engine.run(cpu, memory, 1);
                if (stop == Engine.Stop.SYSCALL) {
                    settleInPad(cpu, memory, true);
                    return;
                }
                if (cpu.rip != entry) {
                    settleInPad(cpu, memory, false);
                    return;
                }
            }
        }
    }
}
