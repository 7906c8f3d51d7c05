package io.camelonenet.connection;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces events at most {@code perSecond} a second: each takes the next free slot and is told how long to wait for
 * it, without being made to wait, so a caller on an event loop schedules and a caller on its own thread parks. Slots
 * missed while idle are not saved up: after a pause the next event goes at once and the ones behind it one interval
 * apart, never a burst above the rate (the platform counts every publish: docs/protocol-notes.md). The one pace of a
 * connection's logins ({@link LoginPacer}) and of its publishes ({@link PublishAdmission}).
 */
public final class Pacer {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextSlot;

    public Pacer(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    Pacer(double perSecond, LongSupplier nanoClock) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("the rate must be above 0 a second, not " + perSecond);
        }
        this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond));
        this.nanoClock = nanoClock;
        this.nextSlot = nanoClock.getAsLong();
    }

    /** Takes the next free slot, not earlier than {@code notBeforeNanos} from now; returns the nanoseconds to it. */
    public synchronized long reserve(long notBeforeNanos) {
        long now = nanoClock.getAsLong();
        long slot = Math.max(nextSlot, now + notBeforeNanos);
        nextSlot = slot + intervalNanos;
        return slot - now;
    }

    /**
     * Takes the next free slot only if it comes within {@code maxWaitNanos}; returns the nanoseconds to it, or
     * {@code -1} and takes nothing (so a refused event costs the others no slot).
     */
    public synchronized long reserveWithin(long maxWaitNanos) {
        long now = nanoClock.getAsLong();
        long slot = Math.max(nextSlot, now);
        if (slot - now > maxWaitNanos) {
            return -1;
        }
        nextSlot = slot + intervalNanos;
        return slot - now;
    }

    /**
     * Waits {@code nanos} on the caller's thread, an interrupt included (the slot is taken: going early would break
     * the rate); the interrupt is kept for the caller.
     */
    public static void await(long nanos) {
        boolean interrupted = false;
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** The rate, a second. */
    public double perSecond() {
        return TimeUnit.SECONDS.toNanos(1) / (double) intervalNanos;
    }
}
