package io.camelonenet.emulator;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.studio.SubDevice;

import java.time.Instant;
import java.util.List;

/**
 * A sub-device's entry of a gateway's {@code thing/pack/post} or {@code thing/history/post}, as the emulator received
 * it: the request id and kind, the sub-device ({@code null}: the gateway's own entry), its property values and its event values (each an identifier with its value and time) in the order they came, when the message
 * arrived, and whether the message was accepted.
 */
public record SubDevicePost(String gateway, String kind, String requestId, SubDevice device, List<Datapoint> points,
                            List<Datapoint> events, Instant receivedAt, boolean accepted) {
}
