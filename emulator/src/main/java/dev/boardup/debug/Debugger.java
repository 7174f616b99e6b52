package dev.boardup.debug;

import dev.boardup.machine.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code boardup debug}: a gdb-like command loop over a {@link DebugTarget}. On a terminal it reads with JLine
 * (line editing, history); from a pipe it reads plain lines and prints no prompt, so scripted sessions give clean,
 * testable output. An empty line repeats the previous command, as in gdb.
 */
public final class Debugger {
    static final String PROMPT = "(bdb) ";

    private final DebuggerCommands commands;

    /**
     * A debugger for the program {@code machine} was built from ({@code elf} is its file, for symbols and lines);
     * {@code log} should have been observing the machine from the start (Machine.Builder.observer).
     */
    public Debugger(Machine machine, KernelLog log, Path elf, byte[] elfBytes, PrintStream out) {
        this.commands = new DebuggerCommands(new DebugTarget(machine), new Program(elf, elfBytes), log, out);
    }

    /** Reads commands from a terminal when there is one, else from {@code in}; returns the program's exit status. */
    public int run(InputStream in, boolean interactive) throws IOException {
        if (interactive) {
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                if (terminal.getWidth() <= 0) {
                    terminal.setSize(new Size(80, 24)); // a pty nobody sized (script, some IDEs): JLine needs a width
                }
                terminal.handle(Terminal.Signal.INT, signal -> commands.interrupt());
                LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("boardup debug").build();
                return loop(() -> {
                    try {
                        return reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        return "";
                    } catch (EndOfFileException e) {
                        return null;
                    }
                });
            }
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return loop(lines::readLine);
    }

    /** The next command line, or null at the end of input. */
    @FunctionalInterface
    interface LineSource {
        String next() throws IOException;
    }

    private int loop(LineSource source) throws IOException {
        String previous = "";
        for (String line = source.next(); line != null; line = source.next()) {
            String command = line.strip();
            if (command.isEmpty()) command = previous;
            if (command.isEmpty() || command.startsWith("#")) continue;
            previous = command;
            if (!commands.execute(command)) break;
        }
        return commands.endSession();
    }
}
