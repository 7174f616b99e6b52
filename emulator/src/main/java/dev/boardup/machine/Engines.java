package dev.boardup.machine;

import dev.boardup.cpu.Engine;
import dev.boardup.cpu.exec.Interpreter;
import java.util.List;

/** The execution engines a machine can run on, by the names the CLI's --engine option uses. */
public final class Engines {
    public static final String DEFAULT = "interpreter";

    private Engines() {}

    public static List<String> names() {
        return List.of("interpreter");
    }

    public static Engine create(String name) {
        return switch (name) {
            case "interpreter" -> new Interpreter();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (choose from "
                    + String.join(", ", names()) + ")");
        };
    }
}
