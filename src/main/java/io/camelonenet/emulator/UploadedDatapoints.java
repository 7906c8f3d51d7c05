package io.camelonenet.emulator;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.dp.DpType;

import java.time.Instant;
import java.util.List;

/**
 * One {@code $dp} publish as the emulator decoded it.
 *
 * @param deviceId   the client id that published it
 * @param type       the frame's payload type
 * @param body       the frame's body as text (the JSON of types 1, 3 and 4)
 * @param datapoints the decoded datapoints (type 1), empty for types this emulator only checks
 * @param receivedAt when the emulator received it
 */
public record UploadedDatapoints(String deviceId, DpType type, String body, List<Datapoint> datapoints,
                                 Instant receivedAt) {
}
