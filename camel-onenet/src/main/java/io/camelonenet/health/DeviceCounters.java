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
    private volatile long lastPublishedAt;
    private final RecentCommands commands;
    private final String device;

    /** A single device's counters, with its own list of recent commands. */
    public DeviceCounters() {
        this(new RecentCommands(), null);
    }

    /** One of a gateway's devices: its commands go to the gateway's one list, under its id. */
    DeviceCounters(RecentCommands commands, String device) {
        this.commands = commands;
        this.device = device;
    }

    public void produced() {
        produced.incrementAndGet();
    }

    /** A reading the platform acknowledged: the broker's PUBACK, or the current platform's answer to its post. */
    public void published() {
        published.incrementAndGet();
        lastPublishedAt = System.currentTimeMillis();
    }

    /** Readings the platform acknowledged together (a current-platform gateway's batch). */
    public void addPublished(int readings) {
        published.addAndGet(readings);
        lastPublishedAt = System.currentTimeMillis();
    }

    /** When the platform last acknowledged a reading of this device (epoch milliseconds); 0 before the first. */
    public long lastPublishedAt() {
        return lastPublishedAt;
    }

    /** The last commands received, newest first (a gateway's: every device's). */
    public RecentCommands recentCommands() {
        return commands;
    }

    public void commandReceived() {
        commandsReceived.incrementAndGet();
        commands.received(device);
    }

    public void commandAnswered() {
        commandsAnswered.incrementAndGet();
        commands.answered(device);
    }

    /** A command refused unanswered because the downlink's hand-off queue was full (the platform may re-send it). */
    public void commandRefused() {
        commandsRefused.incrementAndGet();
        commands.refused(device);
    }

    @Override
    public void refusedByRoute(org.apache.camel.Exchange exchange) {
        commandRefused();
    }

    /** The figures counted, by the names the log line, readiness and the status page give them. */
    public enum Figure {
        PRODUCED("produced"), PUBLISHED("published"), COMMANDS_RECEIVED("commandsReceived"),
        COMMANDS_ANSWERED("commandsAnswered"), COMMANDS_REFUSED("commandsRefused");

        private final String key;

        Figure(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One figure, read without building a map: meters read each figure of every device at each scrape. */
    public long get(Figure figure) {
        return switch (figure) {
            case PRODUCED -> produced.get();
            case PUBLISHED -> published.get();
            case COMMANDS_RECEIVED -> commandsReceived.get();
            case COMMANDS_ANSWERED -> commandsAnswered.get();
            case COMMANDS_REFUSED -> commandsRefused.get();
        };
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Figure figure : Figure.values()) {
            counts.put(figure.key(), get(figure));
        }
        return counts;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
