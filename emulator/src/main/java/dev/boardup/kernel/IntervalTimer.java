package dev.boardup.kernel;

/**
 * A process's ITIMER_REAL (what alarm and setitimer arm): an expiry on the machine's monotonic clock and an
 * optional reload interval. It fires when the clock reaches the expiry, the scheduler moving virtual time there when
 * every process waits, and then reloads (periodic) or disarms; expiries missed in between are lost, as with Linux's
 * hrtimer_forward.
 */
final class IntervalTimer {
    private long expiresAt = -1;
    private long interval;

    boolean armed() {
        return expiresAt >= 0;
    }

    /** The monotonic time of the next expiry; only meaningful when {@link #armed}. */
    long expiresAt() {
        return expiresAt;
    }

    long interval() {
        return interval;
    }

    /** Time left until the expiry, at least 1 µs while armed as Linux reports it; 0 when disarmed. */
    long remaining(long now) {
        if (!armed()) return 0;
        return Math.max(expiresAt - now, 1_000);
    }

    /** Arms the timer {@code value} ns from {@code now} (0 disarms), reloading with {@code interval} ns. */
    void set(long now, long value, long interval) {
        this.interval = interval;
        this.expiresAt = value == 0 ? -1 : saturatingAdd(now, value);
    }

    /** True once per expiry reached by {@code now}; a periodic timer moves to its next expiry after now. */
    boolean fire(long now) {
        if (!armed() || now < expiresAt) return false;
        if (interval == 0) {
            expiresAt = -1;
        } else {
            long missed = (now - expiresAt) / interval;
            expiresAt = saturatingAdd(expiresAt, saturatingMultiply(missed + 1, interval));
        }
        return true;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b), lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }
}
