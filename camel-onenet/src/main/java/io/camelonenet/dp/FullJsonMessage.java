package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.util.List;

/**
 * Type 1, full JSON: {@code {"datastreams":[{"id":"t","datapoints":[{"at":"...","value":22.5}]}]}}. Several streams,
 * several points each; a point without time gets OneNET's server time.
 */
public record FullJsonMessage(List<Datapoint> datapoints) implements DpMessage {

    public FullJsonMessage {
        datapoints = List.copyOf(datapoints);
    }

    @Override
    public DpType type() {
        return DpType.FULL_JSON;
    }
}
