package io.camelonenet.setup;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.connection.GatewayDevice;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.gateway.DownlinkHandOff;
import io.camelonenet.gateway.Gateway;
import io.camelonenet.gateway.InvalidDevicesFileException;
import io.camelonenet.health.GatewayMeters;
import io.camelonenet.health.GatewayReadinessCheck;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.route.GatewayCounters;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone app's wiring of a legacy gateway ({@code onenet.devices.file}): the devices file read and checked,
 * one connection per device, the shared durable buffer, the readiness check and meters. The routes of
 * {@code routes/gateway/legacy/} find:
 * <table>
 *   <caption>What the gateway's routes find in the registry</caption>
 *   <tr><th>Name</th><th>What</th><th>Used by</th></tr>
 *   <tr><td>{@code onenetGateway}</td><td>the devices' connections</td><td>{@code onenet-publish?gateway=}</td></tr>
 *   <tr><td>{@code gatewayDevices}</td><td>the devices file, re-read while running</td><td>uplink (which devices)</td></tr>
 *   <tr><td>{@code gatewayCounters}</td><td>readings and commands per device</td><td>all routes</td></tr>
 *   <tr><td>{@code onenet-buffer}</td><td>the durable buffer, each device's order kept</td><td>uplink, forwarder</td></tr>
 * </table>
 */
final class GatewayWiring {

    static final String CONNECTIONS_BEAN = "onenetGateway";
    static final String GATEWAY_BEAN = "gatewayDevices";
    static final String COUNTERS_BEAN = "gatewayCounters";
    /** The downlink route's queue: the connections' I/O threads only enqueue. */
    static final String COMMANDS_URI = "seda:onenet-gateway-commands";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayWiring.class);

    private GatewayWiring() {
    }

    /**
     * @param maxRateSet whether {@code onenet.uplink.max-rate} was set: a current-platform gateway otherwise keeps to
     *                   the platform's 1 message a second per connection
     */
    static void configure(CamelContext context, OneNetSettings settings, GatewaySettings gateway, ClusterSettings cluster,
                          boolean maxRateSet) throws Exception {
        boolean studio = settings.protocol() == OneNetSettings.Protocol.STUDIO;
        if (cluster.enabled()) {
            try {
                Class.forName("org.apache.kafka.clients.consumer.KafkaConsumer", false,
                        GatewayWiring.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigurationException(ClusterSettings.BOOTSTRAP_SERVERS, "is set, but the Kafka client is "
                        + "not on the class path: add org.apache.camel:camel-kafka (an optional dependency of "
                        + "camel-onenet)");
            }
        }
        if (!studio) {
            try {
                Class.forName("com.hivemq.client.mqtt.MqttClient", false, GatewayWiring.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "is set, but the gateway's MQTT client is "
                        + "not on the class path: add com.hivemq:hivemq-mqtt-client (an optional dependency of "
                        + "camel-onenet)");
            }
        }
        DevicesFile reader = studio ? DevicesFile.studio() : DevicesFile.legacy();
        DeviceRegistry devices;
        try {
            devices = reader.read(gateway.devicesFile());
        } catch (InvalidDevicesFileException e) {
            throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "is not usable: " + e.getMessage());
        }
        if (studio && devices.size() > SubDeviceWiring.MAX_SUB_DEVICES) {
            throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "lists " + devices.size() + " sub-devices; "
                    + "a gateway's topology holds at most " + SubDeviceWiring.MAX_SUB_DEVICES + " (the platform's limit)");
        }
        devices.warnings().forEach(LOG::warn);
        if (settings.emulatorEnabled()) {
            context.addService(LocalEmulator.find()
                    .orElseThrow(() -> new ConfigurationException(OneNetSettings.EMULATOR_ENABLED, "is true but the "
                            + "emulator is not on the classpath: add io.camelonenet:camel-onenet-emulator"))
                    .forGateway(settings, devices), true, true);
        }
        Registry registry = context.getRegistry();
        if (cluster.enabled()) {
            GatewayCounters counters = new GatewayCounters();
            registry.bind(COUNTERS_BEAN, counters);
            registry.bind(OneNetConfiguration.COUNTERS_BEAN, new io.camelonenet.route.DeviceCounters());
            if (studio) {
                ClusterWiring.configureStudio(context, settings, gateway, cluster, reader, devices, counters,
                        maxRateSet);
            } else {
                ClusterWiring.configure(context, settings, gateway, cluster, reader, devices, counters);
            }
            return;
        }
        SqliteUplinkBuffer buffer = DeviceWiring.uplinkBuffer(settings);
        BufferComponent bufferComponent = new BufferComponent(buffer);
        registry.bind(OneNetConfiguration.BUFFER_BEAN, buffer);
        context.addComponent(OneNetConfiguration.BUFFER_COMPONENT, bufferComponent);
        GatewayCounters counters = new GatewayCounters();
        registry.bind(COUNTERS_BEAN, counters);
        // the shared error handling (routes/common) counts refused commands here: a gateway's queue refuses none in
        // the route (a full queue is refused before it, by the gateway, and logged with the device)
        registry.bind(OneNetConfiguration.COUNTERS_BEAN, new io.camelonenet.route.DeviceCounters());
        context.addService(new UplinkBufferService(buffer, counters), true, true);
        if (studio) {
            SubDeviceWiring.configure(context, settings, gateway, reader, devices, buffer, counters, maxRateSet);
            return;
        }

        Gateway devicesGateway = new Gateway(gateway.devicesFile(), reader, devices,
                device -> new GatewayDevice(device.id(), device.productId(), device.secret()),
                listener -> new GatewayConnections(connectionSettings(settings), gateway.connectRate(), listener),
                buffer::count, id -> true, bufferComponent::resume, gateway.drainTimeout(),
                commands(context, settings, null, counters));
        GatewayConnections connections = devicesGateway.connections();
        registry.bind(CONNECTIONS_BEAN, connections);
        registry.bind(GATEWAY_BEAN, devicesGateway);
        // started with the context, stopped after the routes: the last replies go out before the DISCONNECTs
        context.addService(devicesGateway, true, true);
        // GatewayMeters only inside the supplier: without Micrometer on the class path it is never loaded
        Observability.register(context, new GatewayReadinessCheck(devicesGateway, buffer), () -> {
            GatewayMeters meters = new GatewayMeters(devicesGateway, buffer, counters);
            devicesGateway.onReload(meters::bindDevices);
            return meters;
        });
    }

    /**
     * The gateway's hand-off of the platform's requests to its downlink route, within the downlink queue's bound.
     *
     * @param answers where a refused thing-model request is answered (a current-platform gateway's connection), or
     *                {@code null}
     */
    static DownlinkHandOff commands(CamelContext context, OneNetSettings settings, DeviceConnection answers,
                                    GatewayCounters counters) {
        return new DownlinkHandOff(context, COMMANDS_URI, new DownlinkQueue(DeviceWiring.downlinkBudget(settings),
                answers, counters::commandRefused));
    }

    /** The broker and timings every device's connection shares; each device brings its own id and secret. */
    static ConnectionSettings connectionSettings(OneNetSettings settings) {
        return ConnectionSettings.of(settings.brokerUrl(), "gateway", settings.productId(), PasswordSource.fixed(""))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay())
                .withMaxInboundPayload(settings.downlinkMaxBytes());
    }
}
