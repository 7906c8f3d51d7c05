package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desired values the platform keeps for its devices (docs/protocol-notes.md, OneJSON): set in the console or by
 * the API while a device may be offline, each property's value with a version that grows with every set (and never starts again); a device
 * fetches them ({@code thing/property/desired/get}) and deletes what it applied ({@code .../desired/delete}). A
 * delete naming a version removes the value only while that version is the current one, so a value set again in the
 * meantime stays for the device to apply; a delete without a version removes it whatever its version.
 */
final class DesiredValues {

    /** A property's desired value and its version. */
    record Desired(JsonNode value, long version) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Map<String, Desired>> byDevice = new ConcurrentHashMap<>();
    /** The last version of each device's property, kept after a delete: versions only grow. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final List<String> deletes = new CopyOnWriteArrayList<>();

    /** Sets a property's desired value for the device; returns its new version. */
    synchronized long set(String device, String property, Object value) {
        Map<String, Desired> values = byDevice.computeIfAbsent(device, d -> new LinkedHashMap<>());
        long version = versions.merge(device + "/" + property, 1L, Long::sum);
        values.put(property, new Desired(mapper.valueToTree(value), version));
        return version;
    }

    /** The device's desired values now: property to value. */
    synchronized Map<String, Object> current(String device) {
        Map<String, Object> current = new LinkedHashMap<>();
        byDevice.getOrDefault(device, Map.of()).forEach((name, desired) ->
                current.put(name, mapper.convertValue(desired.value(), Object.class)));
        return current;
    }

    /** The answer's {@code data} to a get of {@code names}: {@code {"power":{"value":"on","version":2}}}. */
    synchronized ObjectNode get(String device, JsonNode names) {
        ObjectNode data = mapper.createObjectNode();
        Map<String, Desired> values = byDevice.getOrDefault(device, Map.of());
        for (JsonNode name : names) {
            Desired desired = values.get(name.asText());
            if (desired != null) {
                data.putObject(name.asText()).put("version", desired.version()).set("value", desired.value());
            }
        }
        return data;
    }

    /** Applies a delete's {@code params}: {@code {"power":{"version":1},"temperature":{}}}. */
    synchronized void delete(String device, JsonNode params) {
        Map<String, Desired> values = byDevice.getOrDefault(device, Map.of());
        for (Map.Entry<String, JsonNode> property : params.properties()) {
            Desired desired = values.get(property.getKey());
            JsonNode version = property.getValue().get("version");
            if (desired != null && (version == null || version.asLong() == desired.version())) {
                values.remove(property.getKey());
                deletes.add(device + " " + property.getKey() + " " + desired.version());
            }
        }
    }

    /** Every desired value deleted: "device property version", in order. */
    List<String> deletes() {
        return List.copyOf(deletes);
    }
}
