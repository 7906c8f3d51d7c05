package io.camelonenet.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs waiting sub-device readings (properties and events) into one message of a gateway, within the platform's
 * limits (docs/protocol-notes.md, Sub-devices): at most 10 devices a message; {@code thing/pack/post} carries one
 * value per identifier, {@code thing/history/post} up to 100 timed values per identifier and at most 100 values per
 * device, properties and events together (the sources
 * leave "points per device" open between identifiers and values; the stricter reading is kept). A reading goes whole
 * into one message or waits for the next, so a message is acknowledged (or refused) reading by reading.
 *
 * <p>Pack/post when every chosen device has one reading waiting; history/post as soon as one has more, so a backlog
 * drains at up to 100 values per device per message instead of one.
 */
public final class PackBatches {

    public static final int MAX_DEVICES = 10;
    public static final int MAX_VALUES_PER_DEVICE = 100;
    public static final int MAX_VALUES_PER_PROPERTY = 100;
    /** Under the platform's 256 KB per PUBLISH, with room for the envelope. */
    public static final int MAX_BYTES = 250 * 1024;

    private PackBatches() {
    }

    /**
     * One stored reading: its buffer id, its sub-device ({@code null}: the gateway's own reading, sent without an
     * identity), its properties and events (identifier to value) and when it was taken.
     */
    public record Reading(long id, SubDevice device, Map<String, Object> properties, Map<String, Object> events,
                          long timeMillis) {

        /** A reading of properties alone. */
        public Reading(long id, SubDevice device, Map<String, Object> properties, long timeMillis) {
            this(id, device, properties, Map.of(), timeMillis);
        }

        /** How many values it adds to its device's entry: one per property and per event. */
        int values() {
            return properties.size() + events.size();
        }
    }

    /**
     * One message: its kind ({@code pack} or {@code history}), its payload, and for each device (its buffer key) the
     * id of the last of its readings it carries ({@code null} key: the gateway's own).
     */
    public record Batch(String kind, byte[] payload, Map<SubDevice, Long> lastIdByDevice, int readings) {
    }

    /**
     * The next message for request {@code id} from the readings waiting per device, oldest first, devices in the order
     * to serve them (round-robin: the caller rotates the order). Devices past the tenth wait for the next message.
     *
     * @throws IllegalArgumentException if the first reading of a device can never fit (more than 100 properties)
     */
    public static Batch next(String id, List<List<Reading>> waitingPerDevice) {
        List<List<Reading>> chosen = chosen(waitingPerDevice);
        if (chosen.isEmpty()) {
            return null;
        }
        boolean history = chosen.stream().anyMatch(readings -> readings.size() > 1);
        ObjectNode message = SubDeviceMessages.request(id);
        ArrayNode entries = SubDeviceMessages.array(message);
        Packing packing = new Packing(history, message.toString().length());
        for (List<Reading> readings : chosen) {
            ObjectNode entry = packing.entry(readings);
            if (entry != null) {
                entries.add(entry);
            }
            if (packing.bytes > MAX_BYTES) {
                break;
            }
        }
        return new Batch(history ? "history" : "pack", SubDeviceMessages.bytes(message), packing.lastIds,
                packing.count);
    }

    /** The first ten devices with readings; a device whose first reading can never fit is a mistake. */
    private static List<List<Reading>> chosen(List<List<Reading>> waitingPerDevice) {
        List<List<Reading>> chosen = new ArrayList<>();
        for (List<Reading> readings : waitingPerDevice) {
            if (!readings.isEmpty() && chosen.size() < MAX_DEVICES) {
                Reading first = readings.get(0);
                if (first.values() > MAX_VALUES_PER_DEVICE) {
                    throw new IllegalArgumentException("a reading of " + first.device() + " has "
                            + first.values() + " properties and events, over the platform's " + MAX_VALUES_PER_DEVICE);
                }
                chosen.add(readings);
            }
        }
        return chosen;
    }

    /** One message being filled: its size so far, the readings it holds and each device's last one. */
    private static final class Packing {
        final boolean history;
        final Map<SubDevice, Long> lastIds = new LinkedHashMap<>();
        int bytes;
        int count;

        Packing(boolean history, int bytes) {
            this.history = history;
            this.bytes = bytes;
        }

        /** A device's entry with as many of its oldest readings as the limits let in, or null if none fits. */
        ObjectNode entry(List<Reading> readings) {
            ObjectNode entry = JsonMappers.plain().createObjectNode();
            if (readings.get(0).device() != null) {
                SubDeviceMessages.identity(entry, readings.get(0).device());
            }
            ObjectNode properties = entry.putObject("properties");
            ObjectNode events = entry.putObject("events");
            // values of each identifier so far, properties and events apart ("p:" and "e:")
            Map<String, Integer> perIdentifier = new HashMap<>();
            int values = 0;
            for (Reading reading : history ? readings : readings.subList(0, 1)) {
                if (values + reading.values() > MAX_VALUES_PER_DEVICE || full(perIdentifier, reading)) {
                    break;
                }
                ObjectNode before = entry.deepCopy();
                add(properties, reading.properties(), reading.timeMillis());
                add(events, reading.events(), reading.timeMillis());
                int grown = entry.toString().length() - before.toString().length();
                if (bytes + grown > MAX_BYTES && lastIds.containsKey(reading.device())) {
                    // over the size limit: this reading waits for the next message
                    properties.removeAll();
                    properties.setAll((ObjectNode) before.get("properties"));
                    events.removeAll();
                    events.setAll((ObjectNode) before.get("events"));
                    break;
                }
                bytes += grown;
                reading.properties().keySet().forEach(name -> perIdentifier.merge("p:" + name, 1, Integer::sum));
                reading.events().keySet().forEach(name -> perIdentifier.merge("e:" + name, 1, Integer::sum));
                values += reading.values();
                lastIds.put(reading.device(), reading.id());
                count++;
            }
            // each is optional: an entry carries only what it has
            if (properties.isEmpty()) {
                entry.remove("properties");
            }
            if (events.isEmpty()) {
                entry.remove("events");
            }
            return lastIds.containsKey(readings.get(0).device()) ? entry : null;
        }

        /** Whether an identifier of the reading already has its 100 values in this message. */
        private static boolean full(Map<String, Integer> perIdentifier, Reading reading) {
            return reading.properties().keySet().stream()
                    .anyMatch(name -> perIdentifier.getOrDefault("p:" + name, 0) >= MAX_VALUES_PER_PROPERTY)
                    || reading.events().keySet().stream()
                    .anyMatch(name -> perIdentifier.getOrDefault("e:" + name, 0) >= MAX_VALUES_PER_PROPERTY);
        }

        /** Values at a time: one per identifier (pack/post), or appended to each identifier's series (history). */
        private void add(ObjectNode identifiers, Map<String, Object> values, long timeMillis) {
            values.forEach((name, value) -> {
                ObjectNode point = JsonMappers.plain().createObjectNode();
                point.set("value", JsonMappers.plain().valueToTree(value));
                point.put("time", timeMillis);
                if (history) {
                    ArrayNode series = identifiers.has(name) ? (ArrayNode) identifiers.get(name)
                            : identifiers.putArray(name);
                    series.add(point);
                } else {
                    identifiers.set(name, point);
                }
            });
        }
    }
}
