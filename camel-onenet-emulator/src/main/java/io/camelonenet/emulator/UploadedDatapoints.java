package io.camelonenet.emulator;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.dp.DpMessage;
import io.camelonenet.dp.DpType;

import java.time.Instant;
import java.util.List;

/**
 * One {@code $dp} publish as the emulator decoded it.
 *
 * @param deviceId   the client id that published it
 * @param message    the decoded frame
 * @param receivedAt when the emulator received it
 */
public record UploadedDatapoints(String deviceId, DpMessage message, Instant receivedAt) {

    public DpType type() {
        return message.type();
    }

    /** The datapoints OneNET would store from it. */
    public List<Datapoint> datapoints() {
        return message.datapoints();
    }
}
