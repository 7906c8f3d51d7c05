package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.util.List;

/**
 * Type 4, simple JSON with a time per value: {@code {"temperature":{"2015-03-22T22:31:12":22.5}}}. Every datapoint
 * needs its time; a stream may have several values at different times.
 */
public record TimedJsonMessage(List<Datapoint> datapoints) implements DpMessage {

    public TimedJsonMessage {
        datapoints = List.copyOf(datapoints);
    }

    @Override
    public DpType type() {
        return DpType.SIMPLE_JSON_WITH_TIME;
    }
}
