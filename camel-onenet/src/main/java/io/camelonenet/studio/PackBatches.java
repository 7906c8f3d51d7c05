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
 * Packs waiting sub-device readings into one message of a gateway, within the platform's limits
 * (docs/protocol-notes.md, Sub-devices): at most 10 devices a message; {@code thing/pack/post} carries one value per property,
 * {@code thing/history/post} up to 100 timed values per property and at most 100 values per device (the sources
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
     * identity), its properties (identifier to value) and when it was taken.
     */
    public record Reading(long id, SubDevice device, Map<String, Object> properties, long timeMillis) {
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
                if (first.properties().size() > MAX_VALUES_PER_DEVICE) {
                    throw new IllegalArgumentException("a reading of " + first.device() + " has "
                            + first.properties().size() + " properties, over the platform's " + MAX_VALUES_PER_DEVICE);
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
            Map<String, Integer> perProperty = new HashMap<>();
            int values = 0;
            for (Reading reading : history ? readings : readings.subList(0, 1)) {
                if (values + reading.properties().size() > MAX_VALUES_PER_DEVICE || reading.properties().keySet()
                        .stream().anyMatch(name -> perProperty.getOrDefault(name, 0) >= MAX_VALUES_PER_PROPERTY)) {
                    break;
                }
                ObjectNode before = properties.deepCopy();
                add(properties, reading);
                int grown = properties.toString().length() - before.toString().length();
                if (bytes + grown > MAX_BYTES && lastIds.containsKey(reading.device())) {
                    // over the size limit: this reading waits for the next message
                    properties.removeAll();
                    properties.setAll(before);
                    break;
                }
                bytes += grown;
                reading.properties().keySet().forEach(name -> perProperty.merge(name, 1, Integer::sum));
                values += reading.properties().size();
                lastIds.put(reading.device(), reading.id());
                count++;
            }
            return lastIds.containsKey(readings.get(0).device()) ? entry : null;
        }

        /** The reading's values: one per property (pack/post), or appended to each property's series (history). */
        private void add(ObjectNode properties, Reading reading) {
            reading.properties().forEach((name, value) -> {
                ObjectNode point = JsonMappers.plain().createObjectNode();
                point.set("value", JsonMappers.plain().valueToTree(value));
                point.put("time", reading.timeMillis());
                if (history) {
                    ArrayNode series = properties.has(name) ? (ArrayNode) properties.get(name)
                            : properties.putArray(name);
                    series.add(point);
                } else {
                    properties.set(name, point);
                }
            });
        }
    }
}
