package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A device's answer to a OneJSON request of the platform: {@code set_reply}, {@code get_reply} or
 * {@code invoke_reply}.
 *
 * @param kind the reply topic's last level, for example {@code set_reply} or {@code invoke_reply}
 * @param id   the request id it answers
 * @param code the device's code (200 is success)
 * @param data the {@code data} of a get or invoke reply, or a missing node
 */
public record ThingReply(String deviceName, String kind, String id, int code, JsonNode data) {
}
