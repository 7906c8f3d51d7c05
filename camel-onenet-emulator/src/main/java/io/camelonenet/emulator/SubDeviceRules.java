package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.studio.SubDevice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The current platform's gateway rules for sub-devices (docs/protocol-notes.md, Sub-devices), for a gateway device of the
 * emulator: the topology ({@code topo/get}, {@code topo/add} and {@code topo/delete} with the sub-device's
 * {@code sasToken} verified, at most 1,500), sub-device login refused for a sub-device not in the topology, and
 * {@code pack/post} and {@code history/post}, properties and events, checked against their limits (10 devices, 100
 * values a device, 100 an identifier, every device in the topology and logged in). Whatever breaks a limit is answered with a non-200 code and
 * recorded as a violation.
 */
final class SubDeviceRules {

    static final int MAX_TOPOLOGY = 1500;

    private final Map<SubDevice, String> keys;
    private final Set<String> rejectedProperties;
    private final EmulatorRecord record;
    private final BiConsumer<String, byte[]> reply;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<SubDevice> topology = ConcurrentHashMap.newKeySet();
    private final Set<SubDevice> loggedIn = ConcurrentHashMap.newKeySet();

    /**
     * @param keys  the sub-devices the platform knows, with their base64 keys
     * @param rejectedProperties properties not in the thing model: a post carrying one is refused (code 400)
     * @param reply publishes to the gateway: (topic, payload)
     */
    SubDeviceRules(Map<SubDevice, String> keys, Set<String> rejectedProperties, EmulatorRecord record,
                   BiConsumer<String, byte[]> reply) {
        this.keys = keys;
        this.rejectedProperties = rejectedProperties;
        this.record = record;
        this.reply = reply;
    }

    Set<SubDevice> topology() {
        return Set.copyOf(topology);
    }

    boolean loggedIn(SubDevice device) {
        return loggedIn.contains(device);
    }

    /** The gateway's connection ended: its sub-devices are offline until they log in again. */
    void gatewayOffline() {
        loggedIn.clear();
    }

    /** The topology as bound in the console: replaces the set (a push of topo/change follows). */
    void replaceTopology(List<SubDevice> devices) {
        topology.clear();
        topology.addAll(devices);
        loggedIn.retainAll(topology);
    }

    /** Handles a publish of the gateway under {@code thing/}; {@code topicPrefix} is {@code $sys/{pid}/{gw}/}. */
    void publish(String gateway, String topicPrefix, String suffix, byte[] payload) {
        JsonNode message = json(payload);
        String id = message == null ? "" : message.path("id").asText("");
        String replyTopic = topicPrefix + suffix + "/reply";
        if (message == null || id.isEmpty() || id.length() > 13 || !id.chars().allMatch(Character::isDigit)) {
            violation(gateway, suffix + ": no id of 1-13 digits");
            answer(replyTopic, id, 400, "bad request", null);
            return;
        }
        switch (suffix) {
            case "thing/sub/topo/get" -> {
                ArrayNode data = mapper.createArrayNode();
                topology.forEach(device -> data.addObject().put("deviceName", device.deviceName())
                        .put("productID", device.productId()));
                answer(replyTopic, id, 200, "success", data);
            }
            case "thing/sub/topo/get/result" -> OneNetRules.LOG.info("topo/get/result from {}: {}", gateway, message);
            case "thing/sub/topo/add", "thing/sub/topo/delete" -> topology(gateway, suffix, id, message, replyTopic);
            case "thing/sub/login" -> login(gateway, id, message, replyTopic, true);
            case "thing/sub/logout" -> login(gateway, id, message, replyTopic, false);
            case "thing/pack/post", "thing/history/post" -> post(gateway, suffix, id, message, replyTopic);
            default -> OneNetRules.LOG.info("{} from {} ignored", suffix, gateway);
        }
    }

    private void topology(String gateway, String suffix, String id, JsonNode message, String replyTopic) {
        JsonNode params = message.path("params");
        SubDevice device = device(params);
        String key = device == null ? null : keys.get(device);
        if (device == null || key == null) {
            answer(replyTopic, id, 404, "no such sub-device", null);
            return;
        }
        TokenCheck.Refusal refusal = TokenCheck.check(params.path("sasToken").asText(""),
                new StudioDevice(device.productId(), device.deviceName(), key, false), Instant.now());
        if (refusal != null) {
            OneNetRules.LOG.warn("{} for {} from {} refused: {}", suffix, device, gateway, refusal.reason());
            answer(replyTopic, id, 401, "sasToken refused: " + refusal.reason(), null);
            return;
        }
        if (suffix.endsWith("/add")) {
            if (!topology.contains(device) && topology.size() >= MAX_TOPOLOGY) {
                answer(replyTopic, id, 400, "the topology holds " + MAX_TOPOLOGY + " sub-devices", null);
                return;
            }
            topology.add(device);
            record.topologyChange(gateway, "add", device);
        } else {
            topology.remove(device);
            loggedIn.remove(device);
            record.topologyChange(gateway, "delete", device);
        }
        OneNetRules.LOG.info("{} {} for {}", suffix, device, gateway);
        answer(replyTopic, id, 200, "success", null);
    }

    private void login(String gateway, String id, JsonNode message, String replyTopic, boolean in) {
        SubDevice device = device(message.path("params"));
        if (device == null || !topology.contains(device)) {
            answer(replyTopic, id, 404, "sub-device is not in the gateway's topology", null);
            return;
        }
        if (in) {
            loggedIn.add(device);
            record.subDeviceLogin(device);
        } else {
            loggedIn.remove(device);
        }
        answer(replyTopic, id, 200, "success", null);
    }

    private void post(String gateway, String suffix, String id, JsonNode message, String replyTopic) {
        boolean history = suffix.startsWith("thing/history");
        JsonNode params = message.path("params");
        String problem = !params.isArray() || params.isEmpty() ? "params is not a list of devices"
                : params.size() > 10 ? params.size() + " devices in one message (at most 10)" : null;
        List<SubDevicePost> entries = new ArrayList<>();
        Set<SubDevice> seen = new LinkedHashSet<>();
        Instant now = Instant.now();
        for (int i = 0; problem == null && i < params.size(); i++) {
            JsonNode entry = params.get(i);
            // no identity: the gateway's own data
            SubDevice device = entry.has("identity") ? device(entry.path("identity")) : null;
            if (entry.has("identity") && (device == null || !topology.contains(device) || !loggedIn.contains(device))) {
                problem = "entry " + (i + 1) + ": " + device + " is not a logged-in sub-device of the gateway";
                break;
            }
            if (!seen.add(device)) {
                problem = "entry " + (i + 1) + ": " + device + " appears twice";
                break;
            }
            List<Datapoint> points = new ArrayList<>();
            List<Datapoint> events = new ArrayList<>();
            problem = ThingEntries.read("entry " + (i + 1) + " (" + device + ")", entry, history, points, events);
            entries.add(new SubDevicePost(gateway, history ? "history" : "pack", id, device, points, events, now,
                    true));
        }
        if (problem != null) {
            violation(gateway, suffix + " " + id + ": " + problem);
            answer(replyTopic, id, 400, problem, null);
            return;
        }
        String refusedProperty = entries.stream().flatMap(entry -> entry.points().stream()).map(Datapoint::streamId)
                .filter(rejectedProperties::contains).findFirst().orElse(null);
        if (refusedProperty != null) {
            // a property the thing model lacks: the platform refuses the message, without saying which entry
            OneNetRules.LOG.info("{} {} from {} refused: property {} is not in the thing model", suffix, id, gateway,
                    refusedProperty);
            answer(replyTopic, id, 400, "property " + refusedProperty + " is not in the thing model", null);
            return;
        }
        record.subDevicePosts(gateway, entries);
        OneNetRules.LOG.info("{} {} from {}: {} sub-devices, {} values", suffix, id, gateway, entries.size(),
                entries.stream().mapToInt(e -> e.points().size()).sum());
        answer(replyTopic, id, 200, "success", null);
    }

    private void violation(String gateway, String what) {
        OneNetRules.LOG.warn("Gateway {}: {}", gateway, what);
        record.violation(gateway + ": " + what);
    }

    private static SubDevice device(JsonNode node) {
        String productId = node.path("productID").asText("");
        String deviceName = node.path("deviceName").asText("");
        return productId.isEmpty() || deviceName.isEmpty() ? null : new SubDevice(productId, deviceName);
    }

    private void answer(String topic, String id, int code, String message, JsonNode data) {
        reply.accept(topic, OneJsonAnswer.of(id, code, message, data));
    }

    private JsonNode json(byte[] payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
