package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Type 3, simple JSON without time: {@code {"temperature":22.5,"humidity":"95.2%"}}; OneNET stamps the values. */
public record SimpleJsonMessage(Map<String, Object> values) implements DpMessage {

    public SimpleJsonMessage {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public DpType type() {
        return DpType.SIMPLE_JSON;
    }

    @Override
    public List<Datapoint> datapoints() {
        List<Datapoint> points = new ArrayList<>(values.size());
        values.forEach((stream, value) -> points.add(new Datapoint(stream, null, value)));
        return points;
    }
}
