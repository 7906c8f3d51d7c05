package io.camelonenet.datapoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads OneNET full JSON ({@code $dp} type 1) back into datapoints: the emulator's view of what a device uploaded.
 * Values become plain Java values (numbers, strings, booleans, maps, lists), so a number stays a number and a string
 * a string, as OneNET stores them.
 */
public final class DatapointJsonReader {

    private final ObjectMapper mapper;
    private final OneNetTime time;

    public DatapointJsonReader(ObjectMapper mapper, OneNetTime time) {
        this.mapper = mapper;
        this.time = time;
    }

    /** A JSON value as a plain Java value: Integer, Long, Double, String, Boolean, Map or List. */
    public Object plain(JsonNode value) {
        try {
            return mapper.treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDatapointException("value " + value + " cannot be read: " + e.getOriginalMessage());
        }
    }

    public List<Datapoint> read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidDatapointException("not JSON: " + e.getOriginalMessage());
        }
        JsonNode streams = root == null ? null : root.get("datastreams");
        if (streams == null || !streams.isArray()) {
            throw new InvalidDatapointException("type 1 JSON has no \"datastreams\" array");
        }
        List<Datapoint> points = new ArrayList<>();
        for (int s = 0; s < streams.size(); s++) {
            JsonNode stream = streams.get(s);
            JsonNode id = stream.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new InvalidDatapointException("datastreams[" + s + "] has no \"id\" string");
            }
            JsonNode values = stream.get("datapoints");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new InvalidDatapointException("datastreams[" + s + "] (\"" + id.asText()
                        + "\") has no \"datapoints\"");
            }
            for (int p = 0; p < values.size(); p++) {
                JsonNode point = values.get(p);
                JsonNode value = point.get("value");
                if (value == null || value.isNull()) {
                    throw new InvalidDatapointException("datastreams[" + s + "].datapoints[" + p + "] has no \"value\"");
                }
                JsonNode at = point.get("at");
                points.add(new Datapoint(id.asText(), at == null ? null : time.parse(at.asText()), plain(value)));
            }
        }
        return points;
    }
}
