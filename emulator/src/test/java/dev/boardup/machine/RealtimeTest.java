package dev.boardup.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.kernel.Guest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time: by default a lone sleeper costs no host time (the virtual clock jumps to its wake-up); with --realtime the
 * clock is the host's and the machine really waits. Both are told apart by the clock's skip, not by stopwatches.
 */
class RealtimeTest {
    @TempDir
    Path dir;

    private record Run(String stdout, long skippedNanos, long hostNanos) {}

    private Run sleep(boolean realtime) throws Exception {
        Path exe = Guest.compileWithLibc("sleepy.c", dir, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine m = Machine.builder().program(exe).root(dir).realtime(realtime)
                .streams(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream()).build();
        long start = System.nanoTime();
        assertEquals(0, m.run());
        return new Run(out.toString(), m.kernel().processes().skippedNanos(), System.nanoTime() - start);
    }

    @Test
    void virtualTimeSkipsTheSleep() throws Exception {
        Run r = sleep(false);
        assertEquals("slept at least 300 ms\n", r.stdout());
        assertTrue(r.skippedNanos() > 0, "the virtual clock jumped over the sleep");
    }

    @Test
    void realtimeWaitsOnTheHostClock() throws Exception {
        Run r = sleep(true);
        assertEquals("slept at least 300 ms\n", r.stdout());
        assertEquals(0, r.skippedNanos(), "no virtual jump");
        assertTrue(r.hostNanos() >= 300_000_000L, "the host waited: " + r.hostNanos() + " ns");
    }
}
