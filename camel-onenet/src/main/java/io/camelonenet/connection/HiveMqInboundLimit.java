package io.camelonenet.connection;

import com.hivemq.client.internal.mqtt.datatypes.MqttUserPropertiesImpl;
import com.hivemq.client.internal.mqtt.message.connect.MqttConnect;
import com.hivemq.client.internal.mqtt.message.connect.MqttConnectRestrictions;
import com.hivemq.client.internal.mqtt.message.connect.mqtt3.Mqtt3ConnectView;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;

/**
 * The inbound packet limit on the HiveMQ client, checked before a packet is read, as {@link InboundLimitSocket} does
 * for Paho. The client's decoder compares each packet's size, from its fixed header, with the maximum packet size of
 * the CONNECT's restrictions and closes the connection when it is larger, before buffering the packet; but its MQTT 3
 * API sets no such maximum (only MQTT 5's does), so without this a broker could make it buffer 256 MB. The CONNECT is
 * built on the client's own (public, internal) classes, which this project pins at one version;
 * {@code SessionAdaptersTest} fails if they stop doing this.
 */
final class HiveMqInboundLimit {

    /** The most a fixed header adds to a packet's remaining length: a type byte and four length bytes. */
    private static final int FIXED_HEADER_BYTES = 5;

    private HiveMqInboundLimit() {
    }

    /** A clean-session CONNECT whose packets in return are at most {@code maxRemainingLength} past the fixed header. */
    static Mqtt3Connect connect(int keepAliveSeconds, int maxRemainingLength) {
        MqttConnectRestrictions defaults = MqttConnectRestrictions.DEFAULT;
        MqttConnectRestrictions restrictions = new MqttConnectRestrictions(defaults.getReceiveMaximum(),
                defaults.getSendMaximum(), maxRemainingLength + FIXED_HEADER_BYTES,
                defaults.getSendMaximumPacketSize(), defaults.getTopicAliasMaximum(),
                defaults.getSendTopicAliasMaximum(), defaults.isRequestProblemInformation(),
                defaults.isRequestResponseInformation());
        // the credentials are the client's (simpleAuth on its builder); MQTT 3 sends no restrictions on the wire
        return Mqtt3ConnectView.of(new MqttConnect(keepAliveSeconds, true, 0, restrictions, null, null, null,
                MqttUserPropertiesImpl.NO_USER_PROPERTIES));
    }
}
