package io.camelonenet.buffer;

/**
 * Wakes the forwarder: one per buffer, shared by all its endpoints (the uplink route's
 * {@code onenet-buffer:uplink?topic=...} and the forwarder's {@code onenet-buffer:uplink} are different endpoint
 * objects), rung on an append, a completion, a connection back and a stop. A sequence number instead of a bare
 * notify: a signal between the forwarder's check and its wait is not missed.
 */
final class WakeSignal {

    private long rings;

    synchronized long rings() {
        return rings;
    }

    synchronized void ring() {
        rings++;
        notifyAll();
    }

    /** Waits up to {@code millis} for a ring after the one numbered {@code seen}. */
    synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (rings == seen && left > 0) {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000;
        }
    }
}
