package io.camelonenet.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the routes did since start, counted by steps in the YAML routes: readings produced, messages published (and
 * acknowledged by the broker), commands received, answered and refused. Together with the buffer's counters they are logged at
 * shutdown and shown by the readiness check.
 */
public class DeviceCounters implements CommandRefusals {

    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong commandsReceived = new AtomicLong();
    private final AtomicLong commandsAnswered = new AtomicLong();
    private final AtomicLong commandsRefused = new AtomicLong();

    public void produced() {
        produced.incrementAndGet();
    }

    /** A reading the platform acknowledged: the broker's PUBACK, or the current platform's answer to its post. */
    public void published() {
        published.incrementAndGet();
    }

    /** Readings the platform acknowledged together (a current-platform gateway's batch). */
    public void addPublished(int readings) {
        published.addAndGet(readings);
    }

    public void commandReceived() {
        commandsReceived.incrementAndGet();
    }

    public void commandAnswered() {
        commandsAnswered.incrementAndGet();
    }

    /** A command refused unanswered because the downlink's hand-off queue was full (the platform may re-send it). */
    public void commandRefused() {
        commandsRefused.incrementAndGet();
    }

    @Override
    public void refusedByRoute(org.apache.camel.Exchange exchange) {
        commandRefused();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("produced", produced.get());
        counts.put("published", published.get());
        counts.put("commandsReceived", commandsReceived.get());
        counts.put("commandsAnswered", commandsAnswered.get());
        counts.put("commandsRefused", commandsRefused.get());
        return counts;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
