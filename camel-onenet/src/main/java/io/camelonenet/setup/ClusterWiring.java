package io.camelonenet.setup;

import io.camelonenet.cluster.ClusterComponent;
import io.camelonenet.cluster.ClusterOptions;
import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.cluster.DeviceOwnership;
import io.camelonenet.cluster.GatewayOwnership;
import io.camelonenet.cluster.OwnedDevices;
import io.camelonenet.cluster.AwaitedReadings;
import io.camelonenet.gateway.Gateway;
import io.camelonenet.gateway.GatewayStatus;
import io.camelonenet.gateway.SubDeviceGateway;
import io.camelonenet.health.ClusterMeters;
import io.camelonenet.health.ClusterReadinessCheck;
import io.camelonenet.health.GatewayCounters;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone app's wiring of a cluster instance ({@code onenet.cluster.kafka.bootstrap-servers} with a devices
 * file): for legacy devices ({@link #configure}) the devices file read and checked, connections only for the devices
 * of the owned partitions, the {@code onenet-cluster} component that reads them from Kafka, readiness and meters;
 * for a current-platform gateway {@link #configureStudio}. No durable buffer: Kafka holds every reading until the
 * platform acknowledged it. The routes of {@code routes/cluster/legacy/} find {@code onenetGateway} (the
 * connections), {@code gatewayDevices}, {@code gatewayCounters} and {@code onenet-cluster}.
 */
final class ClusterWiring {

    static final String COMPONENT = "onenet-cluster";
    static final String STATUS_BEAN = "clusterStatus";
    static final String AWAITED_READINGS_BEAN = "awaitedReadings";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    static void configure(CamelContext context, OneNetSettings settings, GatewaySettings gateway,
                          ClusterSettings cluster, GatewayDevices devices) throws Exception {
        placeholders(context, cluster);
        GatewayCounters counters = GatewayWiring.counters(context.getRegistry());
        OwnedDevices owned = new OwnedDevices();
        ClusterStatus status = new ClusterStatus();
        Gateway devicesGateway = new Gateway(gateway.devicesFile(), devices.reader(), devices.registry(),
                GatewayWiring.connectionSettings(settings), gateway.connectRate(), gateway.drainTimeout(),
                GatewayWiring.commands(context, settings, null, counters));
        ClusterComponent component = new ClusterComponent(options(cluster), new DeviceOwnership(devicesGateway), owned,
                status);
        devicesGateway.carriedBy(component);
        context.addComponent(COMPONENT, component);
        Registry registry = context.getRegistry();
        registry.bind(GatewayWiring.CONNECTIONS_BEAN, devicesGateway.connections());
        registry.bind(GatewayWiring.GATEWAY_BEAN, devicesGateway);
        registry.bind(STATUS_BEAN, status);
        // started with the context, stopped after the routes: the readings consumer hands its partitions over first
        context.addService(devicesGateway, true, true);
        observe(context, devicesGateway, status);
        LOG.info("Cluster: instance {} of group {} ({} devices in the file; each instance connects those of its "
                + "partitions of {})", cluster.instanceId(), cluster.groupId(), devices.registry().size(),
                cluster.topic());
    }

    /**
     * A current-platform gateway as a cluster member ({@code onenet.protocol=studio}): the instance that owns the
     * partition of the gateway's key ({@code productId/deviceName}) logs the gateway in and carries its sub-devices;
     * the others stand by. The gateway's readings wait in {@code awaitedReadings} (in memory: Kafka holds them) until
     * the platform accepted their batch. The routes of {@code routes/cluster/studio/} find {@code awaitedReadings},
     * {@code onenetConnection}, {@code gatewayDevices}, {@code gatewayCounters} and {@code onenet-cluster}.
     */
    static void configureStudio(CamelContext context, OneNetSettings settings, GatewaySettings gateway,
                                ClusterSettings cluster, GatewayDevices subDevices, boolean maxRateSet)
            throws Exception {
        placeholders(context, cluster);
        GatewayCounters counters = GatewayWiring.counters(context.getRegistry());
        AwaitedReadings readings = new AwaitedReadings();
        SubDeviceGateway subDeviceGateway = SubDeviceWiring.gateway(context, settings, gateway, subDevices, readings,
                counters, maxRateSet);
        readings.listedBy(subDeviceGateway);
        String key = settings.productId() + "/" + settings.clientId();
        GatewayOwnership ownership = new GatewayOwnership(key, subDeviceGateway, readings, cluster.window());
        OwnedDevices owned = new OwnedDevices();
        ClusterStatus status = new ClusterStatus();
        context.addComponent(COMPONENT, new ClusterComponent(options(cluster), ownership, owned, status));
        Registry registry = context.getRegistry();
        registry.bind(AWAITED_READINGS_BEAN, readings);
        registry.bind(STATUS_BEAN, status);
        // the connection closes when the app stops, after the readings consumer handed the gateway over
        context.addService(ownership, true, true);
        context.addService(subDeviceGateway, true, true);
        observe(context, subDeviceGateway, status);
        LOG.info("Cluster: instance {} of group {}: gateway {} with {} sub-devices, carried by the instance that owns "
                + "its partition of {}", cluster.instanceId(), cluster.groupId(), key, subDevices.registry().size(),
                cluster.topic());
    }

    /** Readiness and meters of an instance, whose devices are the legacy devices or the gateway's sub-devices. */
    private static void observe(CamelContext context, GatewayStatus devices, ClusterStatus status)
            throws Exception {
        // ClusterMeters only inside the supplier: without Micrometer on the class path it is never loaded
        Observability.register(context, new ClusterReadinessCheck(devices, status), () -> {
            ClusterMeters meters = new ClusterMeters(devices, status);
            status.onOwnershipChange(meters::bindPartitions);
            return meters;
        });
    }

    /** The routes' placeholders, with the defaults of keys not set. */
    private static void placeholders(CamelContext context, ClusterSettings cluster) {
        org.apache.camel.spi.PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty(ClusterSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        properties.addOverrideProperty(ClusterSettings.TOPIC, cluster.topic());
        properties.addOverrideProperty(ClusterSettings.COMMANDS_TOPIC, cluster.commandsTopic());
    }

    private static ClusterOptions options(ClusterSettings cluster) {
        return new ClusterOptions(cluster.bootstrapServers(), cluster.topic(), cluster.groupId(), cluster.window(),
                cluster.windowBytes(), cluster.handoverTimeout(), cluster.sessionTimeout(), cluster.instanceId(),
                java.util.Map.of());
    }
}
