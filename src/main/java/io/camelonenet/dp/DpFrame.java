package io.camelonenet.dp;

import java.nio.charset.StandardCharsets;

/**
 * A decoded {@code $dp} frame of one of the JSON-carrying types (1, 3 and 4): the type and the UTF-8 JSON body.
 *
 * @param type the payload type from the first byte
 * @param json the JSON text, decoded from UTF-8
 */
public record DpFrame(DpType type, String json) {

    public byte[] jsonBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
