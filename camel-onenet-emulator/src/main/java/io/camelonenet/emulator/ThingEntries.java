package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.Datapoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One device's entry of a {@code thing/pack/post} or {@code thing/history/post} (docs/protocol-notes.md, Sub-devices):
 * its {@code properties} and {@code events}, one {@code {value,time}} per identifier in pack/post, a list of them in
 * history/post, checked against the platform's limits: at most 100 values an identifier, 100 values a device
 * (properties and events together).
 */
final class ThingEntries {

    static final int MAX_VALUES = 100;

    private ThingEntries() {
    }

    /**
     * Adds the entry's property values to {@code properties} and its event values to {@code events}; returns what is
     * wrong with the entry, or null.
     */
    static String read(String entryName, JsonNode entry, boolean history, List<Datapoint> properties,
                       List<Datapoint> events) {
        String problem = values(entryName, entry.path("properties"), history, properties);
        if (problem == null) {
            problem = values(entryName, entry.path("events"), history, events);
        }
        int total = properties.size() + events.size();
        return problem != null ? problem
                : total > MAX_VALUES ? entryName + ": " + total + " values (at most " + MAX_VALUES + ")" : null;
    }

    private static String values(String entryName, JsonNode identifiers, boolean history, List<Datapoint> points) {
        if (!identifiers.isMissingNode() && !identifiers.isObject()) {
            return entryName + ": properties and events must be objects";
        }
        for (Map.Entry<String, JsonNode> identifier : identifiers.properties()) {
            JsonNode values = identifier.getValue();
            if (history != values.isArray()) {
                return entryName + ": " + identifier.getKey() + " is "
                        + (history ? "not a list of timed values" : "a list (pack/post takes one value)");
            }
            if (history && values.size() > MAX_VALUES) {
                return entryName + ": " + values.size() + " values of " + identifier.getKey() + " (at most "
                        + MAX_VALUES + ")";
            }
            for (JsonNode value : history ? values : List.of(values)) {
                JsonNode time = value.get("time");
                points.add(new Datapoint(identifier.getKey(),
                        time == null ? null : Instant.ofEpochMilli(time.asLong()), value.get("value")));
            }
        }
        return null;
    }
}
