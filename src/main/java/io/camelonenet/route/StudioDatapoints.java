package io.camelonenet.route;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointBodies;
import io.camelonenet.datapoint.DatapointJsonWriter;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.datapoint.OneNetTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * The current platform's datapoint upload ({@code $sys/{pid}/{dev}/dp/post/json}, onenet-protocol.md §4.1):
 * {@link #request} turns the body (the same maps and lists as the legacy uplink) into
 * {@code {"id":n,"dp":{"temperature":[{"v":22.5,"t":1552289676}]}}}; just before the publish {@link #expect} starts
 * waiting for the answer to its id, and after it {@link #confirm} waits for the platform's answer: {@code /accepted} completes the exchange, {@code /rejected} or no
 * answer within {@link #setReplyTimeout(long) replyTimeout} fails it with {@link PlatformRejectedException}.
 */
public class StudioDatapoints {

    /** The request id of this exchange's post. */
    public static final String REQUEST_ID = "OneNetRequestId";

    private final DatapointJsonWriter values = new DatapointJsonWriter(new OneNetTime(OneNetTime.DEFAULT_ZONE));
    private PlatformReplies replies;
    private Duration replyTimeout = Duration.ofSeconds(10);
    private boolean properties;

    public void setReplies(PlatformReplies replies) {
        this.replies = replies;
    }

    public void setReplyTimeout(long millis) {
        this.replyTimeout = Duration.ofMillis(millis);
    }

    /**
     * {@code datapoints} (default): a data-stream product's {@code dp/post/json}; {@code properties}: a thing-model
     * product's OneJSON {@code thing/property/post}, {@code {"id":"n","version":"1.0","params":{"t":{"value":..,"time":ms}}}}.
     */
    public void setKind(String kind) {
        switch (kind.trim()) {
            case "datapoints" -> properties = false;
            case "properties" -> properties = true;
            default -> throw new IllegalArgumentException("kind must be datapoints or properties, not '" + kind + "'");
        }
    }

    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        List<Datapoint> points = DatapointBodies.toDatapoints(message.getBody(),
                Instant.ofEpochMilli(exchange.getClock().getCreated()), new OneNetTime(OneNetTime.DEFAULT_ZONE));
        Map<String, List<Datapoint>> streams = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Datapoint point = points.get(i);
            if (point == null || point.streamId() == null || point.streamId().isBlank()) {
                throw new InvalidDatapointException("datapoint " + i + " has no datastream id");
            }
            streams.computeIfAbsent(point.streamId(), id -> new ArrayList<>()).add(point);
        }
        if (streams.isEmpty()) {
            throw new InvalidDatapointException("no datapoints to upload: the body holds no stream values");
        }
        long id = replies.nextId();
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
        message.setBody(buffer.toByteArray());
        message.setHeader(REQUEST_ID, id);
        message.setHeader(OneNetHeaders.DATAPOINT_COUNT, points.size());
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

    /**
     * Before the publish: read the request id back from the post (it may have waited in the uplink buffer, across a
     * restart) and start waiting for its answer.
     */
    public void expect(Exchange exchange) {
        JsonNode post;
        try {
            post = JsonMappers.fast().readTree(exchange.getMessage().getBody(byte[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new PlatformRejectedException("a stored post is not JSON; it cannot be matched to an answer");
        }
        long id = post == null ? -1 : post.path("id").asLong(-1);
        if (id <= 0) {
            throw new PlatformRejectedException("a stored post has no id; it cannot be matched to an answer");
        }
        replies.expect(id);
        exchange.getMessage().setHeader(REQUEST_ID, id);
    }

    /** After the publish: wait for the answer; rejected or none in time fails the exchange. */
    public void confirm(Exchange exchange) {
        Long id = exchange.getMessage().getHeader(REQUEST_ID, Long.class);
        if (id == null) {
            throw new IllegalStateException("no " + REQUEST_ID + " header: call expect before publishing");
        }
        replies.await(id, replyTimeout, "post");
    }
}
