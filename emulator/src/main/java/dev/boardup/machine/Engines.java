package dev.boardup.machine;

import dev.boardup.cpu.Engine;
import dev.boardup.cpu.bytecode.AsmEngine;
import dev.boardup.cpu.exec.Interpreter;
import dev.boardup.cpu.truffle.TruffleEngine;
import java.util.List;
import java.util.Optional;

/** The execution engines a machine can run on, by the names the CLI's --engine option uses. */
public final class Engines {
    /**
     * The ASM tier: measured on this project's 2-core machines it ran every benchmark program 1.5-3.4x faster than
     * the plain interpreter (system-call-bound fileio aside), and faster than the Truffle engine on all but one,
     * because HotSpot's own C2 compiles its small per-block classes in milliseconds while Graal's Truffle
     * compilations take seconds and compete with the guest for the cores (see docs/ENGINES.md). `--engine
     * truffle` and `--engine interpreter` select the others.
     */
    public static final String DEFAULT = "asm";

    private Engines() {}

    public static List<String> names() {
        return List.of("truffle", "interpreter", "asm");
    }

    public static Engine create(String name) {
        return switch (name) {
            case "truffle" -> new TruffleEngine();
            case "interpreter" -> new Interpreter();
            case "asm" -> new AsmEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (choose from "
                    + String.join(", ", names()) + ")");
        };
    }

    /**
     * The loud warning to print when the Truffle engine would run without its optimizing runtime (Graal not on the
     * upgrade module path): guest code then only ever runs interpreted, many times slower.
     */
    public static Optional<String> slowRuntimeWarning(Engine engine) {
        if (engine instanceof TruffleEngine t && !t.isOptimizing()) {
            return Optional.of("boardup: WARNING: Truffle's optimizing runtime is not active (runtime '"
                    + TruffleEngine.runtimeName() + "'): guest code will NOT be compiled and runs very slowly");
        }
        return Optional.empty();
    }

    /** The engine's own statistics, if it keeps any, as lines for --stats. */
    public static String stats(Engine engine) {
        if (engine instanceof TruffleEngine t) {
            TruffleEngine.Stats s = t.stats();
            return String.format("truffle:       %d blocks decoded, %d regions built, %d compilations, "
                    + "%d region entries running %d instructions%n", s.blocksDecoded(), s.regionsBuilt(),
                    s.compilations(), s.regionEntries(), s.compiledInstructions());
        }
        if (engine instanceof AsmEngine a) {
            AsmEngine.Stats s = a.stats();
            return String.format("asm:           %d blocks decoded, %d traces translated (%d blocks, %.1f ms), "
                    + "%d untranslatable%n", s.blocksDecoded(), s.blocksTranslated(), s.tracedBlocks(),
                    s.translationNanos() / 1e6, s.untranslatable());
        }
        return "";
    }
}
