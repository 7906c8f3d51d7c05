package io.camelonenet.cluster;

import io.camelonenet.support.Backoff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One device's readings on their way from its partition to its connection, in offset order: those not sent yet, and a
 * window of those sent and not yet completed. After a failure the lane lets what is in flight complete, then puts the
 * readings that did not succeed back at its head and pauses (100 ms doubling to 5 s, or until the device is connected
 * again): order kept, nothing skipped. A reading sent a second time may be a duplicate at the platform, and is counted
 * as one. Used by the consumer's poll thread only, but for {@link #failedMeanwhile}.
 */
final class DeviceLane {

    /** A reading of the lane. */
    static final class Reading {
        final long offset;
        final byte[] value;
        final long timestamp;
        boolean sentBefore;
        boolean completed;
        boolean succeeded;

        Reading(long offset, byte[] value, long timestamp) {
            this.offset = offset;
            this.value = value;
            this.timestamp = timestamp;
        }
    }

    private final String device;
    private final int partition;
    private final ArrayDeque<Reading> unsent = new ArrayDeque<>();
    private final List<Reading> inFlight = new ArrayList<>();
    private int pending;
    private Exception failure;
    private long pausedUntil;
    private int failures;
    private String lastFailure;
    private boolean removed;
    /** Bytes of the readings the lane holds, unsent and in flight. */
    private long bytes;
    /**
     * A reading failed and its failure has not been settled yet. Set on whichever thread completed it: at once on the
     * poll thread (not connected), or on the connection's thread when the connection dropped. Nothing more goes out
     * until the settle rewinds the lane, or a reading behind the failed one could reach the platform first.
     */
    private volatile boolean failedUnsettled;

    DeviceLane(String device, int partition) {
        this.device = device;
        this.partition = partition;
    }

    String device() {
        return device;
    }

    int partition() {
        return partition;
    }

    void add(Reading reading) {
        unsent.add(reading);
        bytes += size(reading);
    }

    /** The next reading to send, if the lane may send now: not paused, not failing, window not full. */
    Reading next(int window, long nowMillis) {
        if (removed || failure != null || failedUnsettled || pausedUntil > nowMillis || pending >= window
                || unsent.isEmpty()) {
            return null;
        }
        Reading reading = unsent.poll();
        inFlight.add(reading);
        pending++;
        return reading;
    }

    /**
     * A reading of the lane failed, as the route's completion reports it on any thread, ahead of its {@link #completed}:
     * the lane sends nothing more until then.
     */
    void failedMeanwhile() {
        failedUnsettled = true;
    }

    /**
     * A reading's exchange completed ({@code error} null on success). Once every reading of a window with a failure
     * has completed, whichever completed last, the readings that did not succeed go back to the head in order and the
     * lane pauses (100 ms doubling to 5 s). Returns the failure to report when that happened and its message differs
     * from the last one reported, else null.
     */
    Exception completed(Reading reading, Exception error, long nowMillis) {
        reading.completed = true;
        reading.succeeded = error == null;
        pending--;
        if (error != null && failure == null) {
            failure = error;
        }
        if (error == null) {
            inFlight.remove(reading);
            bytes -= size(reading);
            if (failure == null && lastFailure != null && pending == 0) {
                lastFailure = null;
                failures = 0;
            }
        }
        return failure != null && pending == 0 ? rewind(nowMillis) : null;
    }

    private Exception rewind(long nowMillis) {
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            Reading reading = inFlight.get(i);
            reading.sentBefore = true;
            reading.completed = false;
            unsent.addFirst(reading);
        }
        inFlight.clear();
        Exception error = failure;
        failure = null;
        // every reading in flight has completed (pending is 0): no completion can set it again for this window
        failedUnsettled = false;
        pausedUntil = nowMillis + Backoff.LANE.delayMillis(++failures);
        String message = String.valueOf(error.getMessage());
        if (message.equals(lastFailure)) {
            return null;
        }
        lastFailure = message;
        return error;
    }

    /** The device is connected again: try at once. */
    void resume() {
        pausedUntil = 0;
    }

    /** Readings not sent yet are left to the partition's next owner (they are not committed); returns their bytes. */
    long dropUnsent() {
        long dropped = 0;
        for (Reading reading : unsent) {
            dropped += size(reading);
        }
        unsent.clear();
        bytes -= dropped;
        return dropped;
    }

    /** Bytes of the readings the lane holds, unsent and in flight. */
    long bytes() {
        return bytes;
    }

    static long size(Reading reading) {
        return reading.value == null ? 0 : reading.value.length;
    }

    int pending() {
        return pending;
    }

    int waiting() {
        return unsent.size() + inFlight.size();
    }

    boolean idle() {
        return unsent.isEmpty() && inFlight.isEmpty() && failure == null;
    }

    void remove() {
        removed = true;
    }

    boolean removed() {
        return removed;
    }
}
