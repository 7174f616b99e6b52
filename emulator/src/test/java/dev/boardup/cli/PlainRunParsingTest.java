package dev.boardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free reading of common {@code run} command lines agrees with picocli's, or leaves the line to it. */
class PlainRunParsingTest {
    /** What picocli makes of the command line: the Run command's fields. */
    static Main.Run picocli(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setExpandAtFiles(false);
        cl.parseArgs(args);
        return cl.getSubcommands().get("run").getCommand();
    }

    static List<Object> fields(Main.Run r) {
        return List.of(r.program, r.args, r.engine, r.strace, r.stats, r.verbose, r.memory, r.root, r.env,
                String.valueOf(r.timeout), String.valueOf(r.maxInstructions), String.valueOf(r.gdbPort));
    }

    @Test
    void commonLinesReadAsPicocliReadsThem() {
        for (List<String> line : List.of(
                List.of("run", "hello"),
                List.of("run", "./a.out", "x", "--strace", "-v", "@file"),
                List.of("run", "--engine", "truffle", "--stats", "prog"),
                List.of("run", "--strace", "--verbose", "--engine", "interpreter", "prog", "--engine", "x"))) {
            String[] args = line.toArray(String[]::new);
            Main.Run plain = Main.Run.parsePlain(args);
            assertNotNull(plain, line.toString());
            assertEquals(fields(picocli(args)), fields(plain), line.toString());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> line : List.of(List.of("run"), List.of("run", "--engine"), List.of("run", "--help"),
                List.of("run", "--engine=truffle", "p"), List.of("run", "--memory", "64M", "p"),
                List.of("run", "--", "p"), List.of("bench"), List.of("objdump", "-d", "p"))) {
            assertNull(Main.Run.parsePlain(line.toArray(String[]::new)), line.toString());
        }
    }
}
