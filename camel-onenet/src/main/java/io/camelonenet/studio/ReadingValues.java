package io.camelonenet.studio;

import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.inbound.LogText;

import java.util.Map;

/**
 * What a current-platform gateway's reading carries, as its stored entry and its Kafka record both write it:
 * {@code "properties"} (a map of property identifier to value), or, for an event ({@code OneNetEvent} set), the
 * event's value under {@code "events"}. No Camel here.
 */
public final class ReadingValues {

    private ReadingValues() {
    }

    /**
     * {@code {"events":{event:body}}} when {@code event} is set, else {@code {"properties":body}}.
     *
     * @throws InvalidDatapointException for an event without a valid identifier or a value, or a reading that is no
     *                                   map of properties
     */
    public static Map<String, Object> of(String event, Object body) {
        if (event != null) {
            if (!ThingIdentifiers.valid(event) || body == null) {
                throw new InvalidDatapointException("an event needs an identifier (" + ThingIdentifiers.RULE
                        + ") in OneNetEvent and a value in the body, not '" + LogText.of(event, 64) + "'");
            }
            return Map.of("events", Map.of(event, body));
        }
        if (!(body instanceof Map<?, ?> properties) || properties.isEmpty()) {
            throw new InvalidDatapointException("a reading is a map of property identifier to value");
        }
        return Map.of("properties", properties);
    }
}
