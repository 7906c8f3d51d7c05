package io.camelonenet.lane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lanes' leading runs that completed and are not settled in the store yet. Settling costs a store such as the
 * buffer a disk sync, so it waits for {@code batch} messages, 100 ms, or nothing in flight, whichever comes first; a
 * batch of 1 settles at every pass (Kafka's ledgers cost nothing).
 */
final class SettledRuns<M> {

    private static final long EVERY_MILLIS = 100;

    private final int batch;
    private final Map<String, List<M>> runs = new LinkedHashMap<>();
    private int count;
    private long lastTaken;

    SettledRuns(int batch) {
        this.batch = Math.max(1, batch);
    }

    void add(String lane, List<M> run) {
        runs.computeIfAbsent(lane, key -> new ArrayList<>()).addAll(run);
        count += run.size();
    }

    boolean holds(String lane) {
        return runs.containsKey(lane);
    }

    /** The runs to settle now, taken out; empty when it is not time yet (or {@code force}: always). */
    Map<String, List<M>> takeIfDue(long nowMillis, int inFlight, boolean force) {
        if (runs.isEmpty() || !(force || count >= batch || inFlight == 0 || nowMillis - lastTaken >= EVERY_MILLIS)) {
            return Map.of();
        }
        Map<String, List<M>> taken = new LinkedHashMap<>(runs);
        runs.clear();
        count = 0;
        lastTaken = nowMillis;
        return taken;
    }
}
