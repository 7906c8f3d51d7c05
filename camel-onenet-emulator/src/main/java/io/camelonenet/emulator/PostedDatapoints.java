package io.camelonenet.emulator;

import io.camelonenet.datapoint.Datapoint;

import java.util.List;

/**
 * A {@code dp/post/json} of the current platform as the emulator received it, and whether it answered
 * {@code /accepted} or {@code /rejected}.
 */
public record PostedDatapoints(String deviceName, long requestId, List<Datapoint> datapoints, boolean accepted) {
}
