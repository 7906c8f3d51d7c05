package io.camelonenet.connection;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Spreads a gateway's logins: at most {@code perSecond} a second ({@link Pacer}), each at a random point of its slot,
 * so that 10,000 devices starting (or reconnecting after a broker restart) do not all send CONNECT in the same
 * second. Every login asks for a slot; the answer is how long to wait for it.
 */
public final class LoginPacer {

    private final Pacer pacer;

    public LoginPacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("logins per second must be above 0, not " + perSecond);
        }
        this.pacer = new Pacer(perSecond);
    }

    /** Takes the next free slot; returns the milliseconds to wait before logging in, at least {@code notBefore}. */
    public long delayMillis(long notBefore) {
        long slot = pacer.reserve(TimeUnit.MILLISECONDS.toNanos(notBefore));
        return TimeUnit.NANOSECONDS.toMillis(slot + ThreadLocalRandom.current().nextLong(pacer.intervalNanos()));
    }
}
