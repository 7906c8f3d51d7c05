package io.camelonenet.buffer;

/**
 * Wakes the forwarder when a message was appended. One per buffer, shared by all its endpoints: the uplink route's
 * {@code onenet-buffer:uplink?topic=...} and the forwarder's {@code onenet-buffer:uplink} are different endpoint
 * objects. A sequence number instead of a bare notify: an append between the forwarder's empty read and its wait is
 * not missed.
 */
final class AppendSignal {

    private long appends;

    synchronized long appends() {
        return appends;
    }

    synchronized void appended() {
        appends++;
        notifyAll();
    }

    /** Waits up to {@code millis} for an append after the one numbered {@code seen}. */
    synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (appends == seen && left > 0) {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000;
        }
    }
}
