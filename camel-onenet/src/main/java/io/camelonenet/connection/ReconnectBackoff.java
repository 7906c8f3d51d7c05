package io.camelonenet.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all of
 * {@code min(max, initial * 2^n)}. The jitter keeps a fleet of gateways from reconnecting in lockstep after an outage;
 * the cap keeps a device retrying at a steady pace forever instead of giving up.
 */
final class ReconnectBackoff {

    private final long initialMillis;
    private final long maxMillis;

    ReconnectBackoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    Duration delayAfter(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
        long ceiling = Math.min(maxMillis, initialMillis << doublings);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
