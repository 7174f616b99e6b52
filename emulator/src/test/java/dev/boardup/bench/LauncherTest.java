package dev.boardup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./boardup} launcher starts the JVM with Graal only when the Truffle engine may run, so it must know the
 * default engine: its DEFAULT_ENGINE line has to name {@link Engines#DEFAULT}.
 */
class LauncherTest {
    @Test
    void launcherKnowsTheDefaultEngine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "boardup")).stream()
                .filter(l -> l.startsWith("DEFAULT_ENGINE=")).toList();
        assertEquals(1, lines.size(), "one DEFAULT_ENGINE= line in ./boardup");
        assertEquals(Engines.DEFAULT, lines.get(0).substring("DEFAULT_ENGINE=".length()).split("[ #]")[0]);
    }
}
