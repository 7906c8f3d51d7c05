package io.camelonenet.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an instance's consumer reports for health and metrics, updated by its poll thread and read by any: the
 * partitions and devices it owns, each partition's lag, the age of the oldest unacknowledged reading, and counts.
 */
public final class ClusterStatus {

    private volatile boolean member;
    private volatile Set<Integer> partitions = Set.of();
    private volatile int devices;
    private volatile Map<Integer, Long> lag = Map.of();
    private volatile long oldestUnacknowledgedMillis = -1;
    private volatile String problem;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder handOvers = new LongAdder();
    private final AtomicLong lastHandOverMillis = new AtomicLong(-1);
    private final java.util.List<Runnable> ownershipListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Whether the instance has joined the group (it got an assignment, empty or not). */
    public boolean member() {
        return member;
    }

    public Set<Integer> partitions() {
        return partitions;
    }

    public int devices() {
        return devices;
    }

    /** Per owned partition: readings in Kafka not yet acknowledged by the platform (end offset minus commit point). */
    public Map<Integer, Long> lag() {
        return lag;
    }

    /** Age of the oldest reading consumed and not yet acknowledged, in milliseconds; 0 if none. */
    public long oldestUnacknowledgedAgeMillis() {
        long oldest = oldestUnacknowledgedMillis;
        return oldest < 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    /** The last error of the Kafka consumer, or null while it works. */
    public String problem() {
        return problem;
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Readings sent again after a failure: each may be a duplicate at the platform. */
    public long resent() {
        return resent.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long handOvers() {
        return handOvers.sum();
    }

    /** How long the last graceful hand-over took (in flight settled, committed, devices disconnected), or -1. */
    public long lastHandOverMillis() {
        return lastHandOverMillis.get();
    }

    void member(boolean member) {
        this.member = member;
    }

    /** Called after the owned partitions changed (meters for newly owned partitions). */
    public void onOwnershipChange(Runnable listener) {
        ownershipListeners.add(listener);
    }

    void owned(Set<Integer> partitions, int devices) {
        this.partitions = Set.copyOf(partitions);
        this.devices = devices;
        ownershipListeners.forEach(Runnable::run);
    }

    void progress(Map<Integer, Long> lag, long oldestUnacknowledgedMillis) {
        this.lag = Map.copyOf(lag);
        this.oldestUnacknowledgedMillis = oldestUnacknowledgedMillis;
    }

    void problem(String problem) {
        this.problem = problem;
    }

    void acknowledged(int count) {
        acknowledged.add(count);
    }

    void countResent() {
        resent.increment();
    }

    void countDeadLettered() {
        deadLettered.increment();
    }

    void handedOver(long millis) {
        handOvers.increment();
        lastHandOverMillis.set(millis);
    }
}
