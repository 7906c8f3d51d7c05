package io.camelonenet.cluster;

import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One owned partition's readings between Kafka and the platform: which offsets were consumed and are not yet settled
 * (acknowledged by the platform, or kept as a dead letter), and so the offset the partition may be committed at. The
 * commit point is the oldest unsettled offset, never past it: after a crash or a hand-over the next owner starts
 * there, so a reading is never skipped, and only those between the commit point and the last consumed one can go out
 * twice. Used by the consumer's poll thread only.
 */
final class PartitionLedger {

    private final int partition;
    /** Unsettled offsets, with when each was consumed (epoch millis). */
    private final TreeMap<Long, Long> unsettled = new TreeMap<>();
    private long next = -1;
    private long committed = -1;
    private boolean paused;

    PartitionLedger(int partition) {
        this.partition = partition;
    }

    int partition() {
        return partition;
    }

    void consumed(long offset, long atMillis) {
        unsettled.put(offset, atMillis);
        next = Math.max(next, offset + 1);
    }

    /** Consumed and settled at once (a reading for no known device, kept as a dead letter). */
    void consumedSettled(long offset) {
        next = Math.max(next, offset + 1);
    }

    void settled(long offset) {
        unsettled.remove(offset);
    }

    int unsettled() {
        return unsettled.size();
    }

    /** The offset the next owner starts from, if anything was consumed. */
    OptionalLong commitPoint() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unsettled.isEmpty() ? next : unsettled.firstKey());
    }

    /** The commit point, if it moved since the last commit. */
    OptionalLong toCommit() {
        OptionalLong point = commitPoint();
        return point.isPresent() && point.getAsLong() > committed ? point : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** A commit did not reach the group: the next {@link #toCommit()} offers the point again. */
    void commitFailed() {
        committed = -1;
    }

    /** When the oldest unsettled reading was consumed, or -1. */
    long oldestUnsettledMillis() {
        return unsettled.isEmpty() ? -1 : unsettled.firstEntry().getValue();
    }

    /** Readings consumed past the commit point: what the next owner would read again. */
    long uncommitted() {
        OptionalLong point = commitPoint();
        return point.isPresent() ? next - point.getAsLong() : 0;
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }
}
