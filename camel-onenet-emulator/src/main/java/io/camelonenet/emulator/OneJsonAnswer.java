package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** The platform's OneJSON answer {@code {"id","code","msg"[,"data"]}}, written once for every rule of the emulator. */
final class OneJsonAnswer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OneJsonAnswer() {
    }

    /** @param id the request's id, echoed ("" when it had none); {@code data} may be null */
    static byte[] of(String id, int code, String message, JsonNode data) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("id", id == null ? "" : id);
        answer.put("code", code);
        answer.put("msg", message);
        if (data != null) {
            answer.set("data", data);
        }
        return answer.toString().getBytes(StandardCharsets.UTF_8);
    }
}
