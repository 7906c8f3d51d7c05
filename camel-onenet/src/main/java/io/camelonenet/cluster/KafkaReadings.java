package io.camelonenet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.datapoint.JsonMappers;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a reading as field collectors write it to the cluster's Kafka topic: a JSON object of datastream id to value
 * (the datapoints take the Kafka record's time: when the reading was taken, not when it was forwarded, which after a
 * hand-over or a crash can be much later), or a JSON list of datapoints with their own {@code id}, {@code value} and
 * {@code at}. Anything else is refused with the reason, and goes to the dead letters. A current-platform gateway's
 * readings are read by {@link #subDeviceReading}.
 */
public class KafkaReadings {

    /** The largest reading read; Kafka's own limit is near 1 MiB, a reading of a device is a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMappers.plain();

    /**
     * @param value     the record's value
     * @param timestamp the record's time (epoch millis, header {@code kafka.TIMESTAMP})
     * @return the datapoints, for {@link DatapointJsonBuilder}
     */
    public List<Map<String, Object>> parse(byte[] value, @Header("kafka.TIMESTAMP") Long timestamp) {
        JsonNode root = readTree(value);
        Instant at = timestamp == null || timestamp < 0 ? Instant.now() : Instant.ofEpochMilli(timestamp);
        List<Map<String, Object>> points = new ArrayList<>();
        if (root != null && root.isObject()) {
            root.properties().forEach(field -> points.add(point(field.getKey(), field.getValue(), at)));
        } else if (root != null && root.isArray()) {
            for (JsonNode item : root) {
                if (!item.isObject()) {
                    throw new InvalidDatapointException("the Kafka reading's list holds a " + item.getNodeType()
                            + ", not a datapoint object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.convertValue(item, LinkedHashMap.class);
                points.add(fields);
            }
        } else {
            throw new InvalidDatapointException("the Kafka reading is a JSON " + (root == null ? "nothing"
                    : root.getNodeType().toString().toLowerCase()) + ", not an object of datastream id to value "
                    + "or a list of datapoints");
        }
        if (points.isEmpty()) {
            throw new InvalidDatapointException("the Kafka reading has no datapoint");
        }
        return points;
    }

    /**
     * A current-platform gateway's reading, keyed in Kafka by the gateway: {@code {"productID": "...", "deviceName":
     * "...", "properties": {"temperature": 21.5}}}, with an optional {@code "time"} (epoch millis; else the record's
     * time) and optional {@code "events"} ({@code {"overheat": {"temperature": 90}}}; one of the two is needed). Without {@code productID} and {@code deviceName} it is the gateway's own. Sets {@code OneNetProductId},
     * {@code OneNetDeviceName} and {@code OneNetDeviceId} ({@code pid/name}, or empty for the gateway's own) and
     * returns the entry {@code {"time","properties","events"}} that the gateway packs into pack/post or history/post. This is
     * also the form of the gateway's dead letters, so one can be written back to the topic as it is.
     */
    public byte[] subDeviceReading(byte[] value, @Header("kafka.TIMESTAMP") Long timestamp,
                                   Exchange exchange) throws IOException {
        JsonNode root = readTree(value);
        if (root == null || !root.isObject()) {
            throw new InvalidDatapointException("the Kafka reading is a JSON " + (root == null ? "nothing"
                    : root.getNodeType().toString().toLowerCase()) + ", not an object with \"properties\"");
        }
        JsonNode properties = root.get("properties");
        JsonNode events = root.get("events");
        if (properties != null && !properties.isObject() || events != null && !events.isObject()
                || (properties == null || properties.isEmpty()) && (events == null || events.isEmpty())) {
            throw new InvalidDatapointException("the Kafka reading has no \"properties\" object of property "
                    + "identifier to value (nor an \"events\" object of event identifier to value)");
        }
        String productId = root.path("productID").asText("");
        String deviceName = root.path("deviceName").asText("");
        if (productId.isEmpty() != deviceName.isEmpty()) {
            throw new InvalidDatapointException("the Kafka reading names a sub-device with only one of productID and "
                    + "deviceName");
        }
        JsonNode time = root.get("time");
        if (time != null && !time.canConvertToLong()) {
            throw new InvalidDatapointException("the Kafka reading's time is not epoch milliseconds: " + time);
        }
        long at = time != null ? time.asLong() : timestamp == null || timestamp < 0 ? System.currentTimeMillis()
                : timestamp;
        Message message = exchange.getMessage();
        if (productId.isEmpty()) {
            message.removeHeader(OneNetHeaders.PRODUCT_ID);
            message.removeHeader(OneNetHeaders.DEVICE_NAME);
            message.setHeader(OneNetHeaders.DEVICE_ID, "");
        } else {
            message.setHeader(OneNetHeaders.PRODUCT_ID, productId);
            message.setHeader(OneNetHeaders.DEVICE_NAME, deviceName);
            message.setHeader(OneNetHeaders.DEVICE_ID, productId + "/" + deviceName);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", at);
        if (properties != null && !properties.isEmpty()) {
            entry.put("properties", JSON.convertValue(properties, Map.class));
        }
        if (events != null && !events.isEmpty()) {
            entry.put("events", JSON.convertValue(events, Map.class));
        }
        return JSON.writeValueAsBytes(entry);
    }

    private static JsonNode readTree(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidDatapointException("the Kafka reading is empty");
        }
        if (value.length > MAX_BYTES) {
            throw new InvalidDatapointException("the Kafka reading has " + value.length + " bytes, more than "
                    + MAX_BYTES);
        }
        try {
            return JSON.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidDatapointException("the Kafka reading is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDatapointException("the Kafka reading cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, Object> point(String id, JsonNode value, Instant at) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("id", id);
        point.put("value", JSON.convertValue(value, Object.class));
        point.put("at", at);
        return point;
    }
}
