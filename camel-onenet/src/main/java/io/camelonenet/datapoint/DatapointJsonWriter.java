package io.camelonenet.datapoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes datapoints as OneNET's full JSON ({@code $dp} type 1):
 * {@code {"datastreams":[{"id":"temperature","datapoints":[{"at":"2016-08-15T14:47:00","value":22.5}]}]}}.
 *
 * <p>Points are grouped by stream in the order their streams first appear. Uses Jackson's streaming generator so a
 * reading costs one pass and one buffer; only values that are not plain numbers, strings or booleans go through
 * data binding. Thread-safe.
 */
public final class DatapointJsonWriter {

    // field names encoded once, not per point
    private static final SerializedString DATASTREAMS = new SerializedString("datastreams");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString DATAPOINTS = new SerializedString("datapoints");
    private static final SerializedString AT = new SerializedString("at");
    private static final SerializedString VALUE = new SerializedString("value");

    /** Thread-safe and built once: every writer that does not bring its own mapper shares it. */
    private static final JsonFactory FAST_FACTORY =
            JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final JsonFactory factory;
    private final OneNetTime time;
    /** Data binding, only for values that are objects or arrays; {@code null}: the shared one, made on first use. */
    private final ObjectMapper mapper;

    /**
     * A mapper whose generators write doubles with Jackson's fast (Schubfach) writer: the shortest text that reads back
     * as the same double, several times cheaper than {@code Double.toString}.
     */
    public static ObjectMapper fastMapper() {
        return JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    }

    /**
     * A writer that needs only Jackson's streaming core until a value is an object or an array (see
     * {@link JsonMappers}): readings of numbers, text and booleans never load data binding.
     */
    public DatapointJsonWriter(OneNetTime time) {
        this.factory = FAST_FACTORY;
        this.time = time;
        this.mapper = null;
    }

    public DatapointJsonWriter(ObjectMapper mapper, OneNetTime time) {
        this.factory = mapper.getFactory();
        this.mapper = mapper;
        this.time = time;
    }

    private ObjectMapper mapper() {
        return mapper != null ? mapper : JsonMappers.fast();
    }

    public byte[] write(List<Datapoint> points) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(128 + 48 * (points == null ? 0 : points.size()));
        write(points, buffer);
        return buffer.toByteArray();
    }

    /** Writes the JSON as UTF-8 into {@code out}, which a caller can have start with a frame header. */
    public void write(List<Datapoint> points, OutputStream out) {
        if (points == null || points.isEmpty()) {
            throw new InvalidDatapointException("no datapoints to upload: the body holds no stream values");
        }
        Map<String, List<Datapoint>> streams = groupByStream(points);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName(DATASTREAMS);
            json.writeStartArray();
            for (Map.Entry<String, List<Datapoint>> stream : streams.entrySet()) {
                json.writeStartObject();
                json.writeFieldName(ID);
                json.writeString(stream.getKey());
                json.writeFieldName(DATAPOINTS);
                json.writeStartArray();
                for (Datapoint point : stream.getValue()) {
                    json.writeStartObject();
                    if (point.at() != null) {
                        json.writeFieldName(AT);
                        json.writeString(time.format(point.at()));
                    }
                    json.writeFieldName(VALUE);
                    writeValue(json, stream.getKey(), point.value());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (InvalidDatapointException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidDatapointException("datapoints cannot be written as JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static Map<String, List<Datapoint>> groupByStream(List<Datapoint> points) {
        Map<String, List<Datapoint>> streams = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Datapoint point = points.get(i);
            if (point == null) {
                throw new InvalidDatapointException("datapoint " + i + " is null");
            }
            String id = point.streamId();
            if (id == null || id.isBlank()) {
                throw new InvalidDatapointException("datapoint " + i + " has " + (id == null ? "a null" : "an empty")
                        + " datastream id");
            }
            streams.computeIfAbsent(id, k -> new ArrayList<>()).add(point);
        }
        return streams;
    }

    /** Writes one value the way OneNET wants it: finite numbers, text, booleans, or JSON objects and arrays. */
    public void writeValue(JsonGenerator json, String streamId, Object value) throws IOException {
        if (value == null) {
            throw new InvalidDatapointException("value of datastream '" + streamId + "' is null");
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new InvalidDatapointException("value of datastream '" + streamId + "' is " + value
                        + "; OneNET needs a finite number");
            }
            json.writeNumber(number);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else {
            try {
                mapper().writeValue(json, value);
            } catch (IOException e) {
                throw new InvalidDatapointException("value of datastream '" + streamId + "' (a "
                        + value.getClass().getName() + ") cannot be written as JSON: " + firstLine(e.getMessage()), e);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
