package io.camelonenet.studio;

import java.util.List;
import java.util.Map;

/**
 * A request of the platform for one sub-device, on the gateway's connection: a property set ({@code values}), a
 * property get ({@code names}) or a service invoke ({@code identifier}, {@code values} = its input).
 *
 * @param kind       {@code set}, {@code get} or {@code invoke}
 * @param replyTopic where the answer goes ({@code .../set_reply} etc.)
 */
public record SubDeviceRequest(String kind, String id, SubDevice device, String identifier,
                               Map<String, Object> values, List<String> names, String replyTopic) {
}
