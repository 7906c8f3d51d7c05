package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.dp.DpFrameException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * OneNET's legacy MQTT rules, added to a real broker (HiveMQ CE) through its extension SDK
 * (docs/protocol-notes.md, Legacy login):
 * <ul>
 *   <li>login: client id = device id (else CONNACK 2), user name = product id and password = auth info (else CONNACK
 *       4), MQTT 3.1.1 only (else CONNACK 1);</li>
 *   <li>{@code $}-topics cannot be subscribed to: SUBACK 0x80;</li>
 *   <li>every {@code $dp} frame is decoded and logged; an illegal one gets the client disconnected;</li>
 *   <li>{@code $crsp/<cmduuid>} replies are recorded;</li>
 *   <li>commands reach a device on {@code $creq/<cmduuid>} without it subscribing: the emulator subscribes every
 *       device server-side when it logs in;</li>
 *   <li>a second connection with the same client id takes the session over (the broker's own behaviour).</li>
 * </ul>
 */
final class LegacyOneNetRules extends OneNetRules {

    /** Server-side subscription through which pushed commands reach a device that never subscribed. */
    static final String COMMAND_FILTER = "$creq/#";
    static final String COMMAND_PREFIX = "$creq/";
    static final String REPLY_PREFIX = "$crsp/";
    static final String DATAPOINT_TOPIC = "$dp";

    /** OneNET reads and reports device times as Beijing time. */
    private static final OneNetTime BEIJING_TIME = new OneNetTime(OneNetTime.DEFAULT_ZONE);

    private final Map<String, EmulatedDevice> devices;
    private final boolean plainBroker;
    private final DpCodec codec = new DpCodec();

    /**
     * @param plainBroker behave like an ordinary broker for subscriptions: grant SUBSCRIBE on {@code $} topics and
     *                    deliver commands only to devices that subscribed (for testing clients on both)
     */
    LegacyOneNetRules(Map<String, EmulatedDevice> devices, EmulatorRecord record, boolean plainBroker) {
        super(record);
        this.devices = devices;
        this.plainBroker = plainBroker;
    }

    @Override
    String name() {
        return "OneNET legacy MQTT rules";
    }

    /** OneNET pushes commands without a SUBSCRIBE: the emulator subscribes each device server-side at login. */
    @Override
    void loggedIn(String clientId) {
        if (!plainBroker) {
            services().subscriptions().addSubscription(clientId, commandSubscription());
        }
    }

    /** CONNECT checks with OneNET's CONNACK codes (docs/protocol-notes.md, Legacy login). */
    @Override
    Refusal login(ConnectPacket connect) {
        String clientId = connect.getClientId();
        EmulatedDevice device = devices.get(clientId);
        if (device == null) {
            return new Refusal(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, 2, "no device with this id");
        }
        String userName = connect.getUserName().orElse("");
        String password = text(connect.getPassword());
        if (!device.productId().equals(userName) || !device.authInfo().equals(password)) {
            return new Refusal(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, 4,
                    "user name must be the product id and password the auth info");
        }
        LOG.info("Device {} of product {} logged in", clientId, userName);
        return null;
    }

    @Override
    String subscriptionRefusal(String clientId, String filter) {
        // OneNET: "不支持订阅$开头的系统Topic"; commands arrive without a subscription
        return filter.startsWith("$") && !plainBroker
                ? "system topics cannot be subscribed to (from " + clientId + ")" : null;
    }

    @Override
    void publish(String clientId, PublishPacket publish, PublishAuthorizerOutput output) {
        String topic = publish.getTopic();
        if (DATAPOINT_TOPIC.equals(topic)) {
            authorizeDatapoints(clientId, publish, output);
        } else if (topic.startsWith(REPLY_PREFIX)) {
            String commandId = topic.substring(REPLY_PREFIX.length());
            byte[] payload = bytes(publish.getPayload());
            LOG.info("Reply from {} to command {}: {}", clientId, commandId, preview(payload));
            record.reply(new CommandReply(clientId, commandId, payload));
            output.authorizeSuccessfully();
        } else if (topic.startsWith("$")) {
            disconnectForIllegalData(clientId, output, "PUBLISH to reserved topic " + topic);
        } else {
            output.authorizeSuccessfully();
        }
    }

    private void authorizeDatapoints(String clientId, PublishPacket publish, PublishAuthorizerOutput output) {
        if (publish.getRetain()) {
            disconnectForIllegalData(clientId, output,
                    "retained PUBLISH to $dp (OneNET does not support retain on $dp)");
            return;
        }
        byte[] frame = bytes(publish.getPayload());
        try {
            UploadedDatapoints upload = new UploadedDatapoints(clientId, codec.decode(frame), Instant.now());
            record.upload(upload);
            LOG.info("$dp type {} from {} (QoS {}): {}", upload.type().code(), clientId,
                    publish.getQos().getQosNumber(), describe(upload.datapoints()));
            output.authorizeSuccessfully();
        } catch (DpFrameException e) {
            disconnectForIllegalData(clientId, output, "illegal $dp frame: " + e.getMessage());
        } catch (IllegalStateException stopping) {
            // not journaled, so not acknowledged: the device sends it again to the next broker
            output.disconnectClient();
        }
    }

    static TopicSubscription commandSubscription() {
        return Builders.topicSubscription().topicFilter(COMMAND_FILTER).qos(Qos.AT_MOST_ONCE).build();
    }

    private static String preview(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "... (" + payload.length + " bytes)" : text;
    }

    private static String describe(List<Datapoint> points) {
        StringBuilder text = new StringBuilder();
        for (Datapoint point : points) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(point.streamId()).append('=').append(point.value());
            if (text.length() > 2000) {
                text.append(", ... (").append(points.size()).append(" datapoints)");
                break;
            }
            if (point.at() != null) {
                text.append(" at ").append(BEIJING_TIME.format(point.at()));
            }
        }
        return text.toString();
    }
}
