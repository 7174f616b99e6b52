package dev.boardup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Facts about the host machine for the report, and finding programs on its PATH. */
final class Host {
    private Host() {}

    /** The full path of an executable named on $PATH, or null. */
    static String onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** /proc/cpuinfo's "model name", or the JVM's os.arch when that cannot be read. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException e) {
            // fall through: not Linux, or /proc not mounted
        }
        return System.getProperty("os.arch");
    }

    static String describe() {
        return String.format(Locale.ROOT, "%s, %d cores available to the JVM; %s %s; %s %s (%s)", cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("java.vm.vendor"));
    }
}
