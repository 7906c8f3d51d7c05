package io.camelonenet.studio;

import java.util.List;
import java.util.Map;

/**
 * A OneJSON request of the platform to the device, parsed by {@link ThingMessages#parse}: a property set (its
 * {@code params} as a map), a property get (the names asked for) or a service invoke (its input as a map).
 *
 * @param kind       {@code set}, {@code get} or {@code invoke}
 * @param id         the request's id, repeated in the reply
 * @param service    the service identifier of an invoke, else {@code null}
 * @param replyTopic where the answer goes: the request's topic with {@code _reply}
 * @param params     a set's or an invoke's parameters; empty for a get
 * @param names      the properties a get asks for; empty otherwise
 */
public record ThingRequest(String kind, String id, String service, String replyTopic, Map<String, Object> params,
                           List<String> names) {
}
