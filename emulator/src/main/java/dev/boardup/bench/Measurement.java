package dev.boardup.bench;

/**
 * One timed run of one benchmark binary on one runner: its exit status, its standard output (which holds the
 * checksum), the wall time, and what the emulator counted (zero for native and qemu runs).
 */
public record Measurement(int status, String stdout, String stderr, double seconds, long instructions,
        long compilations, long tlbHits, long tlbMisses, long pageFaults) {

    static Measurement external(int status, String stdout, String stderr, double seconds) {
        return new Measurement(status, stdout, stderr, seconds, 0, 0, 0, 0, 0);
    }
}
