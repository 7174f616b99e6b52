package dev.boardup.kernel;

/**
 * How the process ended, in a shell's terms: a normal exit with its status, or death by a signal (status 128 + the
 * signal number) with the one-line message a user sees.
 */
public record Termination(int status, int signal, String message) {
    public static final int SIGILL = 4, SIGTRAP = 5, SIGFPE = 8, SIGKILL = 9, SIGSEGV = 11;

    public static Termination exit(int status) {
        return new Termination(status & 0xFF, 0, null);
    }

    public static Termination signal(int signal, String message) {
        return new Termination(128 + signal, signal, message);
    }

    public boolean bySignal() {
        return signal != 0;
    }

}
