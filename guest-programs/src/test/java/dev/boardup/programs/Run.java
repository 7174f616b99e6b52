package dev.boardup.programs;

/** What one run of a program gave: its standard output and error, and its exit status as a shell reports it. */
record Run(String stdout, String stderr, int status) {
    /** Killed by a signal: 128 + the signal's number, as the shell (and Machine.run) reports it. */
    boolean killedBySignal() {
        return status > 128;
    }
}
