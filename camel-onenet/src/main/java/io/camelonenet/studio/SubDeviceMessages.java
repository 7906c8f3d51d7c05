package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.inbound.LogText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OneJSON messages between a current-platform gateway and the platform about its sub-devices
 * (docs/protocol-notes.md, Sub-devices): topology, login, the platform's requests and the gateway's answers. Field names are
 * the platform's ({@code productID} with a capital ID). Requests carry a digit-string {@code id} of at most 13
 * characters; the platform's replies name no sub-device, so they are matched by that id.
 */
public final class SubDeviceMessages {

    private SubDeviceMessages() {
    }

    /** {@code {"id","version":"1.0"}}: the platform answers with the gateway's topology. */
    public static byte[] topologyGet(String id) {
        return bytes(request(id));
    }

    /** Binds one sub-device to the gateway; {@code sasToken} is the sub-device's token ({@link OneNetToken}). */
    public static byte[] topologyAdd(String id, SubDevice device, String sasToken) {
        return topology(id, device, sasToken);
    }

    /** Unbinds one sub-device; the same body as an add, token included. */
    public static byte[] topologyDelete(String id, SubDevice device, String sasToken) {
        return topology(id, device, sasToken);
    }

    /** Logs one sub-device in over the gateway's connection (no token: the topology authenticates it). */
    public static byte[] login(String id, SubDevice device) {
        ObjectNode message = request(id);
        ObjectNode params = message.putObject("params");
        params.put("productID", device.productId());
        params.put("deviceName", device.deviceName());
        return bytes(message);
    }

    /** The same body as a login. */
    public static byte[] logout(String id, SubDevice device) {
        return login(id, device);
    }

    /** {@code {"id","code","msg"}}: the gateway's answer to topo/change, and its topo/get/result. */
    public static byte[] result(String id, int code, String message) {
        ObjectNode result = JsonMappers.plain().createObjectNode();
        result.put("id", id);
        result.put("code", code);
        result.put("msg", message);
        return bytes(result);
    }

    /** The platform's reply {@code {"id","code","msg"[,"data"]}} to one of the gateway's requests. */
    public record Reply(String id, int code, String message, JsonNode data) {

        public boolean ok() {
            return code == 200;
        }
    }

    public static Reply reply(byte[] payload) {
        JsonNode reply = json(payload, "reply");
        if (!reply.hasNonNull("id") || !reply.path("code").isNumber()) {
            throw new IllegalArgumentException("a reply without an id or a numeric code");
        }
        return new Reply(reply.get("id").asText(), reply.get("code").asInt(), reply.path("msg").asText(""),
                reply.get("data"));
    }

    /**
     * A topology as the platform sent it: the sub-devices of its entries, and a description of each entry that names
     * none (not an object, a product id or device name missing, null, empty or not text), which is skipped.
     */
    public record Topology(List<SubDevice> devices, List<String> skipped) {
    }

    /** The platform's limit on a gateway's topology (docs/protocol-notes.md, Sub-devices). */
    public static final int MAX_TOPOLOGY = 1500;

    /**
     * The sub-devices of a topology: {@code data} of topo/get/reply, or {@code params.subList} of topo/change (each the
     * full list, not a change). A bad entry is skipped and described, never fatal for the others; entries past the
     * platform's limit of {@value #MAX_TOPOLOGY} are skipped too.
     */
    public static Topology topology(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("a topology that is not a list");
        }
        List<SubDevice> devices = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int number = 0;
        for (JsonNode entry : list) {
            number++;
            if (devices.size() >= MAX_TOPOLOGY) {
                skipped.add("entry " + number + " (past the platform's limit of " + MAX_TOPOLOGY + " sub-devices)");
                continue;
            }
            String productId = name(entry, "productID");
            String deviceName = name(entry, "deviceName");
            if (productId == null || deviceName == null) {
                skipped.add("entry " + number + " (" + (productId == null ? "productID" : "deviceName")
                        + " missing, null, empty or not text)");
            } else {
                devices.add(new SubDevice(productId, deviceName));
            }
        }
        return new Topology(devices, skipped);
    }

    /** A name of a topology entry, or {@code null} when it is not a non-blank text without control characters. */
    private static String name(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            return null;
        }
        String text = value.textValue();
        return LogText.escape(text).equals(text) ? text : null;
    }

    /** topo/change: its id (to answer) and the full list of sub-devices now bound. */
    public record TopologyChange(String id, Topology topology) {
    }

    public static TopologyChange topologyChange(byte[] payload) {
        JsonNode change = json(payload, "topo/change");
        String id = RequestIds.checked(change.hasNonNull("id") ? change.get("id").asText() : null, "topo/change");
        return new TopologyChange(id, topology(change.path("params").get("subList")));
    }

    /** Parses a request of the platform for one sub-device that arrived on {@code topic}. */
    public static SubDeviceRequest request(String topic, byte[] payload) {
        JsonNode request = json(payload, topic);
        RequestIds.checked(request.hasNonNull("id") ? request.get("id").asText() : null, "request on " + topic);
        JsonNode params = request.path("params");
        SubDevice device = new SubDevice(params.path("productID").asText(""), params.path("deviceName").asText(""));
        String kind = topic.endsWith("/sub/property/set") ? "set" : topic.endsWith("/sub/property/get") ? "get"
                : topic.endsWith("/sub/service/invoke") ? "invoke" : null;
        if (kind == null) {
            throw new IllegalArgumentException("topic " + topic + " is not a sub-device request");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        String identifier = null;
        switch (kind) {
            case "set" -> values.putAll(map(params.path("params")));
            case "get" -> params.path("params").forEach(name -> names.add(name.asText()));
            default -> {
                identifier = params.path("identifier").asText("");
                if (identifier.isEmpty()) {
                    throw new IllegalArgumentException("service invoke for " + device + " names no identifier");
                }
                values.putAll(map(params.path("input")));
            }
        }
        return new SubDeviceRequest(kind, request.get("id").asText(), device, identifier, values, names,
                GatewayTopics.answerTo(topic));
    }

    /**
     * The gateway's answer to {@code request}: {@code {"id","code","msg"}}, with {@code data} = the values asked for
     * (a get) or the service's identity and {@code output} (an invoke, which repeats deviceName, productID and
     * identifier, docs/protocol-notes.md, Sub-devices).
     */
    public static byte[] answer(SubDeviceRequest request, int code, String message, Map<?, ?> data) {
        ObjectNode answer = JsonMappers.plain().createObjectNode();
        answer.put("id", request.id());
        answer.put("code", code);
        answer.put("msg", message);
        if (request.kind().equals("get") && data != null) {
            Map<Object, Object> asked = new LinkedHashMap<>(data);
            asked.keySet().retainAll(request.names());
            answer.set("data", JsonMappers.plain().valueToTree(asked));
        } else if (request.kind().equals("invoke")) {
            ObjectNode result = answer.putObject("data");
            result.put("deviceName", request.device().deviceName());
            result.put("productID", request.device().productId());
            result.put("identifier", request.identifier());
            result.set("output", JsonMappers.plain().valueToTree(data == null ? Map.of() : data));
        }
        return bytes(answer);
    }

    /** The identity of an entry of pack/post or history/post. */
    static ObjectNode identity(ObjectNode entry, SubDevice device) {
        ObjectNode identity = entry.putObject("identity");
        identity.put("productID", device.productId());
        identity.put("deviceName", device.deviceName());
        return identity;
    }

    static ObjectNode request(String id) {
        RequestIds.checked(id, "a request");
        ObjectNode message = JsonMappers.plain().createObjectNode();
        message.put("id", id);
        message.put("version", "1.0");
        return message;
    }

    static byte[] bytes(JsonNode message) {
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] topology(String id, SubDevice device, String sasToken) {
        ObjectNode message = request(id);
        ObjectNode params = message.putObject("params");
        params.put("deviceName", device.deviceName());
        params.put("productID", device.productId());
        params.put("sasToken", sasToken);
        return bytes(message);
    }

    private static JsonNode json(byte[] payload, String what) {
        try {
            JsonNode node = JsonMappers.plain().readTree(payload);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node.isObject() ? JsonMappers.plain().convertValue(node, Map.class) : Map.of();
    }

    /** For {@link PackBatches}: an array node to fill. */
    static ArrayNode array(ObjectNode message) {
        return message.putArray("params");
    }
}
