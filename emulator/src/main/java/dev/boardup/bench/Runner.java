package dev.boardup.bench;

import dev.boardup.cpu.truffle.TruffleEngine;
import dev.boardup.machine.Machine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A way to run a static x86-64 executable: natively on the host CPU, on one of boardup's engines in this JVM, or
 * under qemu-x86_64. Every run happens with its working directory (the guest's root for boardup) in a sandbox
 * directory, where benchmarks may create files.
 */
sealed interface Runner {
    /** The name in the table: "native", "qemu", or the engine's name. */
    String name();

    Measurement run(Path executable, Path sandbox, Duration timeout) throws IOException, InterruptedException;

    /** The host runs the program directly. */
    record Native() implements Runner {
        @Override
        public String name() {
            return "native";
        }

        @Override
        public Measurement run(Path executable, Path sandbox, Duration timeout)
                throws IOException, InterruptedException {
            return Processes.run(List.of(executable.toAbsolutePath().toString()), sandbox, timeout);
        }
    }

    /** qemu's user-mode emulator, for comparison with another emulator on the same host. */
    record Qemu(String command) implements Runner {
        @Override
        public String name() {
            return "qemu";
        }

        @Override
        public Measurement run(Path executable, Path sandbox, Duration timeout)
                throws IOException, InterruptedException {
            return Processes.run(List.of(command, executable.toAbsolutePath().toString()), sandbox, timeout);
        }
    }

    /** A boardup {@link Machine} in this JVM on the named engine; a fresh machine (and engine) for every run. */
    record Emulated(String engine) implements Runner {
        @Override
        public String name() {
            return engine;
        }

        @Override
        public Measurement run(Path executable, Path sandbox, Duration timeout) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            try {
                Machine machine = Machine.builder().program(executable).argv0(executable.getFileName().toString())
                        .root(sandbox).engine(engine).timeout(timeout)
                        .streams(InputStream.nullInputStream(), out, err).build();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime();
                int status = machine.run();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                Machine.Stats s = machine.stats();
                long compilations = machine.engine() instanceof TruffleEngine t ? t.stats().compilations() : 0;
                return new Measurement(status, text(out), text(err), seconds, s.instructions(), compilations,
                        s.tlbHits(), s.tlbMisses(), s.pageFaults(), cpuSeconds);
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                return Measurement.external(-1, text(out), "boardup: " + why, 0);
            } catch (dev.boardup.kernel.BadExecutable e) {
                return Measurement.external(-1, "", "boardup: cannot execute: " + e.getMessage(), 0);
            }
        }

        private static String text(ByteArrayOutputStream bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Child processes with captured output and a time limit. */
    final class Processes {
        private Processes() {}

        static Measurement run(List<String> command, Path directory, Duration timeout)
                throws IOException, InterruptedException {
            Path out = Files.createTempFile("bench-", ".out"), err = Files.createTempFile("bench-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                long start = System.nanoTime();
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    return Measurement.external(124, Files.readString(out), "timed out", 0);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return Measurement.external(p.exitValue(), Files.readString(out), Files.readString(err), seconds);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
