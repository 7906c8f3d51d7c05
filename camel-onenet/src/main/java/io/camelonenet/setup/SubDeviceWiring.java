package io.camelonenet.setup;

import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.gateway.SubDeviceGateway;
import io.camelonenet.gateway.SubDeviceOutbox;
import io.camelonenet.health.GatewayMeters;
import io.camelonenet.health.GatewayReadinessCheck;
import io.camelonenet.health.GatewayCounters;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioPublishRules;
import io.camelonenet.studio.SubDeviceMessages;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The wiring of a current-platform gateway ({@code onenet.protocol=studio} with {@code onenet.devices.file}): the
 * configured device is the gateway, on one connection subscribed to {@code thing/#} alone (the platform allows 10
 * subscriptions a session), paced at {@code onenet.uplink.max-rate} (1 a second unless set: the platform's budget per
 * connection, replies and logins included), and its sub-devices come from the file. The routes of
 * {@code routes/gateway/studio/} find {@code onenetConnection}, {@code gatewayDevices} (the {@link SubDeviceGateway}),
 * {@code gatewayCounters} and the {@code onenet-buffer} component.
 */
final class SubDeviceWiring {

    /** The platform's limit on a gateway's topology. */
    static final int MAX_SUB_DEVICES = SubDeviceMessages.MAX_TOPOLOGY;
    /**
     * The largest message the gateway reads: the platform's own limit on a PUBLISH (256 KB), which a topo/get reply
     * of 1,500 sub-devices fits even with 64-character product ids and device names (about 240 KB); a command alone
     * would need no more than {@code onenet.downlink.max-bytes}.
     */
    static final int MAX_INBOUND_BYTES = StudioPublishRules.MAX_PAYLOAD_BYTES;

    private SubDeviceWiring() {
    }

    static void configure(CamelContext context, OneNetSettings settings, GatewaySettings keys,
                          GatewayDevices subDevices, boolean maxRateSet) throws Exception {
        GatewayCounters counters = GatewayWiring.counters(context.getRegistry());
        SqliteUplinkBuffer buffer = (SqliteUplinkBuffer) GatewayWiring.durableBuffer(context, settings, counters)
                .getBuffer();
        SubDeviceGateway gateway = gateway(context, settings, keys, subDevices, SubDeviceOutbox.durable(buffer),
                counters, maxRateSet);
        // the batches' readings count as published once accepted (in a cluster the route counts them, after Kafka's)
        gateway.onReadingsAccepted(counters::addPublished);
        if (!settings.emulatorEnabled()) {
            gateway.connection().startConnecting();
        }
        context.addService(gateway.connection(), true, true);
        context.addService(gateway, true, true);
        Observability.register(context, new GatewayReadinessCheck(gateway, buffer),
                () -> new GatewayMeters(gateway, buffer, counters, keys.deviceMeters()));
    }

    /**
     * The gateway and its connection, not connecting yet, bound as {@code onenetConnection} and
     * {@code gatewayDevices}; its readings wait in {@code outbox}.
     */
    static SubDeviceGateway gateway(CamelContext context, OneNetSettings settings, GatewaySettings keys,
                                    GatewayDevices subDevices, SubDeviceOutbox outbox,
                                    GatewayCounters counters, boolean maxRateSet) throws Exception {
        Registry registry = context.getRegistry();
        GatewayTopics topics = new GatewayTopics(settings.productId(), settings.clientId());
        ConnectionSettings connectionSettings = DeviceWiring.connectionSettings(settings)
                .withGuard(new StudioPublishRules(settings.productId(), settings.clientId()))
                .withMaxPublishRate(maxRateSet ? settings.maxPublishRate() : SettingDefaults.THING_MODEL_MAX_RATE)
                .withMaxInboundPayload(Math.max(settings.downlinkMaxBytes(), MAX_INBOUND_BYTES));
        DeviceConnection connection = new DeviceConnection(connectionSettings);
        connection.subscribe(topics.subscription(), 0);
        registry.bind(OneNetConfiguration.CONNECTION_BEAN, connection);
        PlatformReplies replies = new PlatformReplies();
        SubDeviceGateway gateway = new SubDeviceGateway(context, connection, topics, replies, keys.devicesFile(),
                subDevices.reader(), subDevices.registry(), keys.pruneTopology(), settings.studio().method(), settings.replyTimeout(),
                GatewayWiring.commands(context, settings, connection, counters), outbox);
        registry.bind(GatewayWiring.GATEWAY_BEAN, gateway);
        return gateway;
    }
}
