package io.camelonenet.studio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointJsonWriter;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.datapoint.OneNetTime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current platform's uplink bodies (docs/protocol-notes.md, Current platform topics and limits): a data-stream product's
 * {@code {"id":n,"dp":{"temperature":[{"v":22.5,"t":1552289676}]}}} for {@code dp/post/json}, or a thing-model
 * product's OneJSON {@code {"id":"n","version":"1.0","params":{"t":{"value":..,"time":ms}}}} for
 * {@code thing/property/post}; and the id read back from a stored post. No Camel here.
 */
public final class DatapointPosts {

    private final DatapointJsonWriter values = new DatapointJsonWriter(new OneNetTime(OneNetTime.DEFAULT_ZONE));
    private final boolean properties;

    /** @param kind {@code datapoints} (a data-stream product) or {@code properties} (a thing-model product) */
    public DatapointPosts(String kind) {
        this.properties = switch (kind.trim()) {
            case "datapoints" -> false;
            case "properties" -> true;
            default -> throw new IllegalArgumentException("kind must be datapoints or properties, not '" + kind + "'");
        };
    }

    /** The post of request {@code id} carrying {@code points}. */
    public byte[] post(long id, List<Datapoint> points) {
        Map<String, List<Datapoint>> streams = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Datapoint point = points.get(i);
            if (point == null || point.streamId() == null || point.streamId().isBlank()) {
                throw new InvalidDatapointException("datapoint " + i + " has no datastream id");
            }
            streams.computeIfAbsent(point.streamId(), stream -> new ArrayList<>()).add(point);
        }
        if (streams.isEmpty()) {
            throw new InvalidDatapointException("no datapoints to upload: the body holds no stream values");
        }
        ByteArrayBuilder buffer = new ByteArrayBuilder(64 + 40 * points.size());
        try (JsonGenerator json = JsonMappers.fast().getFactory().createGenerator(buffer)) {
            if (properties) {
                writeProperties(json, id, streams);
            } else {
                writeDatapoints(json, id, streams);
            }
        } catch (IOException e) {
            throw new InvalidDatapointException("datapoints cannot be written as JSON: " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    /**
     * The request id of a stored post (it may have waited in the uplink buffer, across a restart), so its answer can
     * be matched; a post without one can never be matched and is refused.
     */
    public static long requestId(byte[] post) {
        JsonNode json;
        try {
            json = JsonMappers.fast().readTree(post);
        } catch (IOException | IllegalArgumentException e) {
            throw new PlatformRejectedException("a stored post is not JSON; it cannot be matched to an answer");
        }
        long id = json == null ? -1 : json.path("id").asLong(-1);
        if (id <= 0) {
            throw new PlatformRejectedException("a stored post has no id; it cannot be matched to an answer");
        }
        return id;
    }

    /** A data-stream product's post: every value of every stream, times in seconds. */
    private void writeDatapoints(JsonGenerator json, long id, Map<String, List<Datapoint>> streams) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", id);
        json.writeObjectFieldStart("dp");
        for (Map.Entry<String, List<Datapoint>> stream : streams.entrySet()) {
            json.writeArrayFieldStart(stream.getKey());
            for (Datapoint point : stream.getValue()) {
                json.writeStartObject();
                json.writeFieldName("v");
                values.writeValue(json, stream.getKey(), point.value());
                if (point.at() != null) {
                    json.writeNumberField("t", point.at().getEpochSecond());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** OneJSON property post: one value per property (the last one, with its time in milliseconds). */
    private void writeProperties(JsonGenerator json, long id, Map<String, List<Datapoint>> streams) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", Long.toString(id));
        json.writeStringField("version", "1.0");
        json.writeObjectFieldStart("params");
        for (Map.Entry<String, List<Datapoint>> property : streams.entrySet()) {
            Datapoint last = property.getValue().get(property.getValue().size() - 1);
            json.writeObjectFieldStart(property.getKey());
            json.writeFieldName("value");
            values.writeValue(json, property.getKey(), last.value());
            if (last.at() != null) {
                json.writeNumberField("time", last.at().toEpochMilli());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
