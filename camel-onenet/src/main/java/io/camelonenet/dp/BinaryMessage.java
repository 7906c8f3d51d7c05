package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.time.Instant;
import java.util.List;

/**
 * Type 2, one binary datapoint (an image, a file) of at most 3 MB, with a JSON descriptor
 * {@code {"ds_id":"image","at":"...","desc":...}}.
 *
 * @param streamId    {@code ds_id}, required
 * @param at          the time, or {@code null} for OneNET's
 * @param description {@code desc}: a string, a map (a JSON object) or {@code null}
 * @param data        the bytes, from memory, a file or a stream
 */
public record BinaryMessage(String streamId, Instant at, Object description, BinaryData data) implements DpMessage {

    @Override
    public DpType type() {
        return DpType.BINARY;
    }

    @Override
    public List<Datapoint> datapoints() {
        return List.of(new Datapoint(streamId, at, data));
    }
}
