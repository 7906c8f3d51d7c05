package io.camelonenet.studio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OneJSON thing model's messages between the platform and the device (docs/protocol-notes.md, OneJSON): the platform's
 * requests (property set, property get, service invoke), the device's replies {@code {"id","code","msg","data"}},
 * its event posts and its requests for desired values. No Camel here: {@code io.camelonenet.route.ThingModel} adapts it to exchanges.
 */
public final class ThingMessages {

    private ThingMessages() {
    }

    /** Parses a request that arrived on {@code topic}; refuses one that is not JSON, has no id or is not a request. */
    public static ThingRequest parse(String topic, byte[] payload) {
        JsonNode request;
        try {
            request = JsonMappers.plain().readTree(payload);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("thing-model request on " + topic + " is not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("thing-model request on " + topic + " is not a JSON object");
        }
        RequestIds.checked(request.hasNonNull("id") ? request.get("id").asText() : null,
                "thing-model request on " + topic);
        String kind = topic.endsWith("/thing/property/set") ? "set" : topic.endsWith("/thing/property/get") ? "get"
                : topic.endsWith("/invoke") ? "invoke" : null;
        if (kind == null) {
            throw new IllegalArgumentException("topic " + topic + " is not a thing-model request");
        }
        JsonNode params = request.path("params");
        String service = null;
        if (kind.equals("invoke")) {
            String[] levels = topic.split("/");
            service = levels[levels.length - 2];
        }
        List<String> names = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (kind.equals("get")) {
            params.forEach(name -> names.add(name.asText()));
        } else if (params.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> converted = JsonMappers.plain().convertValue(params, Map.class);
            values.putAll(converted);
        }
        return new ThingRequest(kind, request.get("id").asText(), service, StudioTopics.thingReplyTopic(topic), values,
                names);
    }

    /**
     * The id of a request, read without parsing the rest (the request's values can be large): {@code null} when the
     * payload is not a JSON object or its id is not a OneJSON id ({@link RequestIds}).
     */
    public static String requestId(byte[] payload) {
        try (JsonParser parser = JsonMappers.plain().getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field)) {
                    String id = value.isScalarValue() ? parser.getValueAsString() : null;
                    return RequestIds.valid(id) ? id : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The reply to request {@code id}: {@code data} is sent for a get or an invoke (a get's limited to the names
     * asked for), never for a set.
     */
    public static byte[] reply(String id, String kind, int code, String message, Map<?, ?> data, List<?> names) {
        ObjectNode reply = JsonMappers.plain().createObjectNode();
        reply.put("id", id);
        reply.put("code", code);
        reply.put("msg", message);
        if (!"set".equals(kind) && data != null) {
            Map<Object, Object> selected = new LinkedHashMap<>(data);
            if ("get".equals(kind) && names != null) {
                selected.keySet().retainAll(names);
            }
            reply.set("data", JsonMappers.plain().valueToTree(selected));
        }
        return reply.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A desired value the platform keeps for the device: the property, its value and the value's version. */
    public record DesiredValue(String property, Object value, long version) {
    }

    /** {@code thing/property/desired/get}: {@code {"id","version":"1.0","params":["power","temperature"]}}. */
    public static byte[] desiredGet(String id, List<String> properties) {
        ObjectNode request = JsonMappers.plain().createObjectNode();
        request.put("id", id);
        request.put("version", "1.0");
        properties.forEach(request.putArray("params")::add);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The desired values of a {@code desired/get/reply}'s {@code data}: {@code {"power":{"value":"on","version":2}}}.
     * An entry without a value or a positive version is no desired value and is left out.
     */
    public static List<DesiredValue> desiredValues(JsonNode reply) {
        List<DesiredValue> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : reply.path("data").properties()) {
            JsonNode value = property.getValue().get("value");
            long version = property.getValue().path("version").asLong(0);
            if (value != null && !value.isNull() && version > 0) {
                values.add(new DesiredValue(property.getKey(),
                        JsonMappers.plain().convertValue(value, Object.class), version));
            }
        }
        return values;
    }

    /**
     * {@code thing/property/desired/delete} of the values applied, each with the version applied, so that a value set
     * again meanwhile stays: {@code {"id","version":"1.0","params":{"power":{"version":1}}}}.
     */
    public static byte[] desiredDelete(String id, List<DesiredValue> applied) {
        ObjectNode request = JsonMappers.plain().createObjectNode();
        request.put("id", id);
        request.put("version", "1.0");
        ObjectNode params = request.putObject("params");
        applied.forEach(value -> params.putObject(value.property()).put("version", value.version()));
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An event post {@code {"id":"n","version":"1.0","params":{"overheat":{"value":{..},"time":ms}}}} of a map of
     * event identifier to value, all at {@code timeMillis}.
     */
    public static byte[] eventPost(long id, Map<?, ?> events, long timeMillis) {
        ObjectNode post = JsonMappers.plain().createObjectNode();
        post.put("id", Long.toString(id));
        post.put("version", "1.0");
        ObjectNode params = post.putObject("params");
        events.forEach((identifier, value) -> {
            ObjectNode event = params.putObject(String.valueOf(identifier));
            event.set("value", JsonMappers.plain().valueToTree(value));
            event.put("time", timeMillis);
        });
        return post.toString().getBytes(StandardCharsets.UTF_8);
    }
}
