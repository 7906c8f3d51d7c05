package io.camelonenet.lane;

import java.util.TreeMap;

/** The lanes paused after a failure, by the end of their pause: the scheduler looks only at those whose pause ended. */
final class PausedLanes {

    /** When a lane's pause ends; the lane breaks ties. */
    private record PauseEnd(long millis, String lane) implements Comparable<PauseEnd> {
        @Override
        public int compareTo(PauseEnd other) {
            int byTime = Long.compare(millis, other.millis);
            return byTime != 0 ? byTime : lane.compareTo(other.lane);
        }
    }

    private final TreeMap<PauseEnd, Lane<?>> paused = new TreeMap<>();

    void pause(Lane<?> lane, long untilMillis) {
        lane.pausedUntil = untilMillis;
        paused.put(new PauseEnd(untilMillis, lane.key), lane);
    }

    /** Ends the lane's pause now, if it is paused. */
    void end(Lane<?> lane) {
        if (lane.pausedUntil > 0) {
            paused.remove(new PauseEnd(lane.pausedUntil, lane.key));
            lane.pausedUntil = 0;
        }
    }

    /** The key of a lane whose pause ended by {@code nowMillis}, its pause over; null when none. */
    String takeEnded(long nowMillis) {
        if (paused.isEmpty() || paused.firstKey().millis() > nowMillis) {
            return null;
        }
        Lane<?> lane = paused.pollFirstEntry().getValue();
        lane.pausedUntil = 0;
        return lane.key;
    }

    /** How long until the next pause ends, at least 1 ms; {@link Long#MAX_VALUE} when no lane is paused. */
    long untilNextEnd(long nowMillis) {
        return paused.isEmpty() ? Long.MAX_VALUE : Math.max(1, paused.firstKey().millis() - nowMillis);
    }
}
