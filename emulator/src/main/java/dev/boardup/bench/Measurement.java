package dev.boardup.bench;

/**
 * One timed run of one benchmark binary on one runner: its exit status, its standard output (which holds the
 * checksum), the wall time, and what the emulator counted (zero for native and qemu runs), with the CPU time of the
 * host thread that ran the guest: on a shared, loaded machine the wall time says more about the neighbours.
 */
public record Measurement(int status, String stdout, String stderr, double seconds, long instructions,
        long compilations, long tlbHits, long tlbMisses, long pageFaults, double cpuSeconds) {

    /** A run whose CPU time was not measured. */
    public Measurement(int status, String stdout, String stderr, double seconds, long instructions,
            long compilations, long tlbHits, long tlbMisses, long pageFaults) {
        this(status, stdout, stderr, seconds, instructions, compilations, tlbHits, tlbMisses, pageFaults, 0);
    }

    static Measurement external(int status, String stdout, String stderr, double seconds) {
        return new Measurement(status, stdout, stderr, seconds, 0, 0, 0, 0, 0);
    }
}
