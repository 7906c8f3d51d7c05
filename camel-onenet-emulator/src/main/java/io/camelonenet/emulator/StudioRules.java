package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.camelonenet.datapoint.Datapoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current platform's MQTT rules (MQTTS suite and OneNET Studio, docs/protocol-notes.md, Current platform topics and limits) on the embedded broker:
 * token login, {@code $sys/{pid}/{device}/...} topics only, wildcards only from the fifth level, datapoint posts
 * answered on {@code /accepted} or {@code /rejected}, command responses over 1 KB rejected with err_code 99.
 */
final class StudioRules extends OneNetRules {

    static final int MAX_COMMAND_RESPONSE_BYTES = 1023;

    private final Map<String, StudioDevice> devices;
    private final Set<String> rejectedStreams;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Gateways by device name: their sub-devices' rules. */
    private final Map<String, SubDeviceRules> gateways = new java.util.HashMap<>();
    private final DesiredValues desired;
    /** The thing model's 1 message a second a connection, or null: not checked. */
    private final UplinkRate uplinkRate;

    StudioRules(Map<String, StudioDevice> devices, Set<String> rejectedStreams, EmulatorRecord record,
                Map<String, Map<io.camelonenet.studio.SubDevice, String>> subDevices, DesiredValues desired,
                UplinkRate uplinkRate) {
        super(record);
        this.devices = devices;
        this.rejectedStreams = rejectedStreams;
        this.desired = desired;
        this.uplinkRate = uplinkRate;
        subDevices.forEach((gateway, keys) -> gateways.put(gateway, new SubDeviceRules(keys, rejectedStreams, record,
                (topic, payload) -> send(devices.get(gateway), topic, payload))));
    }

    /** The sub-device rules of a gateway device, or {@code null} if the device is no gateway. */
    SubDeviceRules gateway(String deviceName) {
        return gateways.get(deviceName);
    }

    @Override
    String name() {
        return "OneNET current-platform MQTT rules";
    }

    static String prefix(StudioDevice device) {
        return "$sys/" + device.productId() + "/" + device.deviceName() + "/";
    }

    @Override
    Refusal login(ConnectPacket connect) {
        String clientId = connect.getClientId();
        StudioDevice device = devices.get(clientId);
        if (device == null) {
            return new Refusal(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, 2,
                    "no device with this name (the client id is the device name alone)");
        }
        if (!device.productId().equals(connect.getUserName().orElse(""))) {
            return new Refusal(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, 4, "the user name must be the product id");
        }
        TokenCheck.Refusal refusal = TokenCheck.check(text(connect.getPassword()), device, Instant.now());
        if (refusal != null) {
            return new Refusal(refusal.connack() == 4 ? ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD
                    : ConnackReasonCode.NOT_AUTHORIZED, refusal.connack(), refusal.reason());
        }
        LOG.info("Device {} of product {} logged in with a valid token", clientId, device.productId());
        if (uplinkRate != null) {
            uplinkRate.reset(clientId);
        }
        SubDeviceRules gateway = gateways.get(clientId);
        if (gateway != null) {
            // a new session of the gateway: its sub-devices are offline until they log in again
            gateway.gatewayOffline();
        }
        return null;
    }

    @Override
    String subscriptionRefusal(String clientId, String filter) {
        StudioDevice device = devices.get(clientId);
        String[] levels = filter.split("/", -1);
        boolean own = device != null && filter.startsWith(prefix(device));
        boolean wildcardTooHigh = false;
        for (int i = 0; i < Math.min(4, levels.length); i++) {
            wildcardTooHigh |= levels[i].equals("#") || levels[i].equals("+");
        }
        return !own || wildcardTooHigh || levels.length > 8
                ? "only the device's own $sys topics, wildcards from level 5" : null;
    }

    @Override
    void publish(String clientId, PublishPacket publish, PublishAuthorizerOutput output) {
        StudioDevice device = devices.get(clientId);
        String topic = publish.getTopic();
        byte[] payload = bytes(publish.getPayload());
        if (device == null || !topic.startsWith(prefix(device)) || publish.getRetain()
                || publish.getQos() == Qos.EXACTLY_ONCE || payload.length > 256 * 1024) {
            // the platform disconnects on an illegal topic, retain, QoS 2 or over 256 KB
            disconnectForIllegalData(clientId, output, "illegal publish to " + topic + " (retain="
                    + publish.getRetain() + ", QoS " + publish.getQos().getQosNumber() + ", " + payload.length
                    + " bytes)");
            return;
        }
        String suffix = topic.substring(prefix(device).length());
        String tooFast = uplinkRate == null ? null : uplinkRate.arrived(clientId, System.currentTimeMillis());
        if (tooFast != null) {
            // the platform delays the excess; a device that relies on that is slowed down and its answers late
            LOG.warn("Uplink rate exceeded: {}", tooFast);
            record.violation(tooFast);
        }
        SubDeviceRules gateway = gateways.get(clientId);
        if (gateway != null && (suffix.startsWith("thing/sub/") && !suffix.endsWith("_reply")
                || suffix.equals("thing/pack/post") || suffix.equals("thing/history/post"))) {
            gateway.publish(clientId, prefix(device), suffix, payload);
            output.authorizeSuccessfully();
            return;
        }
        if (suffix.equals("dp/post/json")) {
            datapoints(device, payload);
        } else if (suffix.startsWith("cmd/response/")) {
            commandResponse(device, suffix.substring("cmd/response/".length()), payload);
        } else if (suffix.equals("thing/property/post") || suffix.equals("thing/event/post")) {
            thingPost(device, suffix, payload);
        } else if (suffix.equals("thing/history/post")) {
            history(device, payload);
        } else if (suffix.equals("thing/property/desired/get") || suffix.equals("thing/property/desired/delete")) {
            desired(device, suffix, payload);
        } else if (suffix.endsWith("_reply")) {
            thingReply(device, suffix, payload);
        }
        output.authorizeSuccessfully();
    }

    /** OneJSON property or event post: {"id":"1","version":"1.0","params":{"t":{"value":..,"time":ms}}}. */
    private void thingPost(StudioDevice device, String suffix, byte[] payload) {
        JsonNode post = json(payload);
        String id = post == null ? null : post.path("id").asText(null);
        JsonNode params = post == null ? null : post.get("params");
        List<Datapoint> points = new ArrayList<>();
        String problem = id == null || id.isEmpty() || id.length() > 13 ? "no id of 1-13 characters"
                : params == null || !params.isObject() || params.isEmpty() ? "no params" : null;
        if (problem == null) {
            for (Map.Entry<String, JsonNode> param : params.properties()) {
                if (rejectedStreams.contains(param.getKey())) {
                    problem = "property " + param.getKey() + " is not in the thing model";
                    break;
                }
                JsonNode time = param.getValue().get("time");
                points.add(new Datapoint(param.getKey(), time == null ? null : Instant.ofEpochMilli(time.asLong()),
                        param.getValue().get("value")));
            }
        }
        boolean accepted = problem == null;
        PostedDatapoints recorded = new PostedDatapoints(device.deviceName(),
                id == null ? -1 : id.chars().allMatch(Character::isDigit) ? Long.parseLong(id) : -1, points, accepted);
        if (suffix.equals("thing/event/post")) {
            record.event(recorded);
        } else {
            record.post(recorded);
        }
        LOG.info("{} {} from {}: {} -> {}", suffix, id, device.deviceName(), accepted ? points : problem,
                accepted ? 200 : 400);
        answer(device, prefix(device) + suffix + "/reply", id, accepted ? 200 : 400, accepted ? "success" : problem,
                null);
    }

    /**
     * A directly connected device's {@code thing/history/post}: entries of its own data only (no identity, or its
     * own), within the limits; its values are recorded as one post, its events as one event post.
     */
    private void history(StudioDevice device, byte[] payload) {
        JsonNode post = json(payload);
        String id = post == null ? null : post.path("id").asText(null);
        JsonNode params = post == null ? null : post.get("params");
        List<Datapoint> points = new ArrayList<>();
        List<Datapoint> events = new ArrayList<>();
        String problem = id == null || id.isEmpty() || id.length() > 13 ? "no id of 1-13 characters"
                : params == null || !params.isArray() || params.isEmpty() ? "params is not a list of entries" : null;
        for (int i = 0; problem == null && i < params.size(); i++) {
            JsonNode identity = params.get(i).get("identity");
            if (identity != null && !(device.productId().equals(identity.path("productID").asText())
                    && device.deviceName().equals(identity.path("deviceName").asText()))) {
                problem = "entry " + (i + 1) + ": a directly connected device reports only its own data";
            } else {
                problem = ThingEntries.read("entry " + (i + 1), params.get(i), true, points, events);
            }
        }
        if (problem == null) {
            problem = points.stream().map(Datapoint::streamId).filter(rejectedStreams::contains).findFirst()
                    .map(name -> "property " + name + " is not in the thing model").orElse(null);
        }
        boolean accepted = problem == null;
        long numericId = id != null && !id.isEmpty() && id.chars().allMatch(Character::isDigit) && id.length() < 19
                ? Long.parseLong(id) : -1;
        if (!accepted && !problem.startsWith("property ")) {
            record.violation(device.deviceName() + ": thing/history/post " + id + ": " + problem);
        }
        record.post(new PostedDatapoints(device.deviceName(), numericId, points, accepted));
        if (accepted && !events.isEmpty()) {
            record.event(new PostedDatapoints(device.deviceName(), numericId, events, true));
        }
        LOG.info("thing/history/post {} from {}: {} -> {}", id, device.deviceName(),
                accepted ? points.size() + " values, " + events.size() + " events" : problem, accepted ? 200 : 400);
        answer(device, prefix(device) + "thing/history/post/reply", id, accepted ? 200 : 400,
                accepted ? "success" : problem, null);
    }

    /** Desired values: a get answers those the platform keeps for the names asked; a delete removes applied ones. */
    private void desired(StudioDevice device, String suffix, byte[] payload) {
        JsonNode request = json(payload);
        String id = request == null ? null : request.path("id").asText(null);
        String replyTopic = prefix(device) + suffix + "/reply";
        JsonNode params = request == null ? null : request.get("params");
        boolean get = suffix.endsWith("/get");
        if (id == null || id.isEmpty() || id.length() > 13 || params == null
                || (get ? !params.isArray() : !params.isObject())) {
            record.violation(device.deviceName() + ": " + suffix + ": no id of 1-13 characters or no "
                    + (get ? "list of names" : "object of properties"));
            answer(device, replyTopic, id, 400, "bad request", null);
            return;
        }
        if (get) {
            answer(device, replyTopic, id, 200, "success", desired.get(device.deviceName(), params));
        } else {
            desired.delete(device.deviceName(), params);
            answer(device, replyTopic, id, 200, "success", null);
        }
        LOG.info("{} {} from {}: {}", suffix, id, device.deviceName(), params);
    }

    private void answer(StudioDevice device, String topic, String id, int code, String message, JsonNode data) {
        send(device, topic, OneJsonAnswer.of(id, code, message, data));
    }

    private void thingReply(StudioDevice device, String suffix, byte[] payload) {
        JsonNode reply = json(payload);
        String kind = suffix.substring(suffix.lastIndexOf('/') + 1);
        if (reply == null) {
            LOG.warn("{} from {} is not JSON", kind, device.deviceName());
            return;
        }
        record.thingReply(new ThingReply(device.deviceName(), kind, reply.path("id").asText(),
                reply.path("code").asInt(-1), reply.path("data")));
        LOG.info("{} from {}: {}", kind, device.deviceName(), reply);
    }

    private JsonNode json(byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void datapoints(StudioDevice device, byte[] payload) {
        String replies = prefix(device) + "dp/post/json/";
        JsonNode post;
        try {
            post = mapper.readTree(payload);
        } catch (java.io.IOException e) {
            post = null;
        }
        JsonNode idNode = post == null ? null : post.get("id");
        long id = idNode != null && idNode.canConvertToLong() && idNode.asLong() > 0 ? idNode.asLong() : -1;
        JsonNode dp = post == null ? null : post.get("dp");
        List<Datapoint> points = new ArrayList<>();
        String problem = id < 0 ? "no positive id" : dp == null || !dp.isObject() || dp.isEmpty() ? "no dp object"
                : null;
        if (problem == null) {
            for (Map.Entry<String, JsonNode> stream : dp.properties()) {
                if (rejectedStreams.contains(stream.getKey()) || !stream.getValue().isArray()) {
                    problem = "datastream " + stream.getKey() + " refused";
                    break;
                }
                for (JsonNode point : stream.getValue()) {
                    JsonNode t = point.get("t");
                    points.add(new Datapoint(stream.getKey(), t == null ? null : Instant.ofEpochSecond(t.asLong()),
                            point.get("v")));
                }
            }
        }
        boolean accepted = problem == null;
        record.post(new PostedDatapoints(device.deviceName(), id, points, accepted));
        String reply = accepted ? "{\"id\":" + id + "}"
                : "{\"id\":" + id + ",\"err_code\":98,\"err_msg\":\"Illegal Data\"}";
        LOG.info("dp/post/json {} from {}: {} -> {}", id, device.deviceName(), accepted ? points : problem,
                accepted ? "accepted" : "rejected");
        send(device, replies + (accepted ? "accepted" : "rejected"), reply.getBytes(StandardCharsets.UTF_8));
    }

    private void commandResponse(StudioDevice device, String commandId, byte[] payload) {
        String base = prefix(device) + "cmd/response/" + commandId + "/";
        if (payload.length > MAX_COMMAND_RESPONSE_BYTES) {
            LOG.warn("Command response {} from {} is {} bytes: rejected (err_code 99)", commandId,
                    device.deviceName(), payload.length);
            send(device, base + "rejected",
                    "{\"err_code\":99,\"err_msg\":\"maximum payload size exceeded\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        record.reply(new CommandReply(device.deviceName(), commandId, payload));
        LOG.info("Command response {} from {}: {}", commandId, device.deviceName(),
                new String(payload, StandardCharsets.UTF_8));
        send(device, base + "accepted", new byte[0]);
    }

    private void send(StudioDevice device, String topic, byte[] payload) {
        services().publish().publishToClient(Builders.publish().topic(topic).qos(Qos.AT_MOST_ONCE)
                .payload(ByteBuffer.wrap(payload)).build(), device.deviceName());
    }
}
