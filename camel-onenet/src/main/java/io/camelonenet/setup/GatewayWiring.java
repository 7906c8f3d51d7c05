package io.camelonenet.setup;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.gateway.DownlinkHandOff;
import io.camelonenet.gateway.DeviceUplink;
import io.camelonenet.gateway.Gateway;
import io.camelonenet.health.GatewayMeters;
import io.camelonenet.health.GatewayReadinessCheck;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.health.GatewayCounters;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

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

    private GatewayWiring() {
    }

    static void configure(CamelContext context, OneNetSettings settings, GatewaySettings gateway,
                          GatewayDevices devices) throws Exception {
        Registry registry = context.getRegistry();
        GatewayCounters counters = counters(registry);
        BufferComponent bufferComponent = durableBuffer(context, settings, counters);
        SqliteUplinkBuffer buffer = (SqliteUplinkBuffer) bufferComponent.getBuffer();
        Gateway devicesGateway = new Gateway(gateway.devicesFile(), devices.reader(), devices.registry(),
                connectionSettings(settings), gateway.connectRate(), gateway.drainTimeout(),
                commands(context, settings, null, counters));
        devicesGateway.carriedBy(DeviceUplink.buffered(bufferComponent));
        GatewayConnections connections = devicesGateway.connections();
        registry.bind(CONNECTIONS_BEAN, connections);
        registry.bind(GATEWAY_BEAN, devicesGateway);
        // started with the context, stopped after the routes: the last replies go out before the DISCONNECTs
        context.addService(devicesGateway, true, true);
        // GatewayMeters only inside the supplier: without Micrometer on the class path it is never loaded
        Observability.register(context, new GatewayReadinessCheck(devicesGateway, buffer), () -> {
            GatewayMeters meters = new GatewayMeters(devicesGateway, buffer, counters,
                    gateway.deviceMeters());
            devicesGateway.onReload(meters::bindDevices);
            return meters;
        });
    }

    /** The durable buffer every device's readings wait in, as the {@code onenet-buffer} component and a bean. */
    static BufferComponent durableBuffer(CamelContext context, OneNetSettings settings, GatewayCounters counters)
            throws Exception {
        SqliteUplinkBuffer buffer = DeviceWiring.uplinkBuffer(settings);
        BufferComponent component = new BufferComponent(buffer);
        context.getRegistry().bind(OneNetConfiguration.BUFFER_BEAN, buffer);
        context.addComponent(OneNetConfiguration.BUFFER_COMPONENT, component);
        context.addService(new UplinkBufferService(buffer, counters), true, true);
        return component;
    }

    /** A gateway's counters, one set per device, bound for its routes and the shared error routes. */
    static GatewayCounters counters(Registry registry) {
        GatewayCounters counters = new GatewayCounters();
        registry.bind(COUNTERS_BEAN, counters);
        registry.bind(OneNetConfiguration.REFUSALS_BEAN, counters);
        return counters;
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

    /**
     * The broker, timings and publish rate every device's connection shares ({@code onenet.uplink.max-rate} limits
     * each connection, as it limits a single device's); each device brings its own id and secret.
     */
    static ConnectionSettings connectionSettings(OneNetSettings settings) {
        return ConnectionSettings.of(settings.brokerUrl(), "gateway", settings.productId(), PasswordSource.fixed(""))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay())
                .withMaxInboundPayload(settings.downlinkMaxBytes())
                .withMaxPublishRate(settings.maxPublishRate());
    }
}
