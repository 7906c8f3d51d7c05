package io.camelonenet.emulator;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current platform's uplink budget of a connection (docs/protocol-notes.md, Current platform topics and limits):
 * a thing-model connection may send 1 message a second. The platform delays the excess; the emulator records it as a
 * violation so that a test sees a device that would be slowed down. Counted over 5 s windows, with one message of
 * slack for a busy machine's uneven arrivals.
 */
final class UplinkRate {

    private static final long WINDOW_MILLIS = 5_000;

    private final int allowedPerWindow;
    private final Map<String, ArrayDeque<Long>> arrivals = new ConcurrentHashMap<>();

    UplinkRate(double perSecond) {
        this.allowedPerWindow = (int) Math.ceil(perSecond * WINDOW_MILLIS / 1000.0) + 1;
    }

    /** A message of the client arrived now; returns the violation it is, or null. */
    String arrived(String clientId, long nowMillis) {
        ArrayDeque<Long> times = arrivals.computeIfAbsent(clientId, c -> new ArrayDeque<>());
        synchronized (times) {
            times.add(nowMillis);
            while (times.peek() <= nowMillis - WINDOW_MILLIS) {
                times.poll();
            }
            return times.size() > allowedPerWindow ? clientId + ": " + times.size() + " messages within "
                    + WINDOW_MILLIS / 1000 + " s (at most " + allowedPerWindow + ")" : null;
        }
    }

    /** The client logged in again: a new connection, a new budget. */
    void reset(String clientId) {
        arrivals.remove(clientId);
    }
}
