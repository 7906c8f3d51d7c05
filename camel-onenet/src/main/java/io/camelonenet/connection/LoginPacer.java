package io.camelonenet.connection;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Spreads a gateway's logins: at most {@code perSecond} a second, each at a random point of its slot, so that 10,000
 * devices starting (or reconnecting after a broker restart) do not all send CONNECT in the same second. Every login
 * asks for a slot; the answer is how long to wait for it.
 */
public final class LoginPacer {

    private final long intervalNanos;
    private long nextSlot;

    public LoginPacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("logins per second must be above 0, not " + perSecond);
        }
        this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond));
        this.nextSlot = System.nanoTime();
    }

    /** Takes the next free slot; returns the milliseconds to wait before logging in, at least {@code notBefore}. */
    public synchronized long delayMillis(long notBefore) {
        long now = System.nanoTime();
        long earliest = now + TimeUnit.MILLISECONDS.toNanos(notBefore);
        long slot = Math.max(nextSlot, earliest);
        nextSlot = slot + intervalNanos;
        long jitter = ThreadLocalRandom.current().nextLong(intervalNanos);
        return TimeUnit.NANOSECONDS.toMillis(slot + jitter - now);
    }
}
