package io.camelonenet.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The library's one exponential backoff: the n-th consecutive failure waits {@code min(max, initial * 2^(n-1))}.
 * Reconnects take it {@linkplain #jittered jittered} (a random time between half and all of it), which keeps a fleet
 * of gateways from reconnecting in lockstep after an outage; the cap keeps retrying at a steady pace forever instead
 * of giving up. The caller counts its consecutive failures and starts again from none after a success.
 */
public final class Backoff {

    /** A forwarder lane paused by a failure: 100 ms, doubling up to 5 s (the buffer's, a gateway's, Kafka's). */
    public static final Backoff LANE = new Backoff(100, 5_000, false);

    private final long initialMillis;
    private final long maxMillis;
    private final boolean jitter;

    private Backoff(long initialMillis, long maxMillis, boolean jitter) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("a backoff from " + initialMillis + " ms up to " + maxMillis + " ms");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.jitter = jitter;
    }

    public static Backoff exact(Duration initial, Duration max) {
        return new Backoff(initial.toMillis(), max.toMillis(), false);
    }

    public static Backoff jittered(Duration initial, Duration max) {
        return new Backoff(initial.toMillis(), max.toMillis(), true);
    }

    /** The wait after {@code consecutiveFailures} failures in a row (0 or less counts as the first). */
    public long delayMillis(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
        long ceiling = initialMillis << doublings;
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        if (!jitter) {
            return ceiling;
        }
        long floor = ceiling / 2;
        return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    }

    public long maxMillis() {
        return maxMillis;
    }
}
