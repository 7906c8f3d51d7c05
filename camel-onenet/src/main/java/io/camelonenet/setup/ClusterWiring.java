package io.camelonenet.setup;

import io.camelonenet.cluster.ClusterComponent;
import io.camelonenet.cluster.ClusterOptions;
import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.cluster.OwnedDevices;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.connection.GatewayDevice;
import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.gateway.Gateway;
import io.camelonenet.health.ClusterMeters;
import io.camelonenet.health.ClusterReadinessCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone app's wiring of a cluster instance ({@code onenet.cluster.kafka.bootstrap-servers} with a legacy
 * devices file): the devices file read and checked, connections only for the devices of the owned partitions, the
 * {@code onenet-cluster} component that reads them from Kafka, readiness and meters. No durable buffer: Kafka holds
 * every reading until the platform acknowledged it. The routes of {@code routes/cluster/legacy/} find
 * {@code onenetGateway} (the connections), {@code gatewayDevices}, {@code gatewayCounters} and {@code onenet-cluster}.
 */
final class ClusterWiring {

    static final String COMPONENT = "onenet-cluster";
    static final String STATUS_BEAN = "clusterStatus";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    static void configure(CamelContext context, OneNetSettings settings, GatewaySettings gateway,
                          ClusterSettings cluster, DevicesFile reader, DeviceRegistry devices) throws Exception {
        // the routes' placeholders, with the defaults of keys not set
        org.apache.camel.spi.PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty(ClusterSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        properties.addOverrideProperty(ClusterSettings.TOPIC, cluster.topic());
        properties.addOverrideProperty(ClusterSettings.COMMANDS_TOPIC, cluster.commandsTopic());
        OwnedDevices owned = new OwnedDevices();
        ClusterStatus status = new ClusterStatus();
        ClusterComponent[] component = new ClusterComponent[1];
        Gateway devicesGateway = new Gateway(context, gateway.devicesFile(), reader, devices,
                device -> new GatewayDevice(device.id(), device.productId(), device.secret()),
                listener -> new GatewayConnections(GatewayWiring.connectionSettings(settings), gateway.connectRate(),
                        listener),
                // a removed device's readings are in Kafka, not here: it disconnects at once
                id -> 0, owned::owns, id -> component[0].resume(id), gateway.drainTimeout(),
                GatewayWiring.COMMANDS_URI);
        component[0] = new ClusterComponent(new ClusterOptions(cluster.bootstrapServers(), cluster.topic(),
                cluster.groupId(), cluster.window(), cluster.handoverTimeout(), cluster.sessionTimeout(),
                cluster.instanceId()), devicesGateway, owned, status);
        context.addComponent(COMPONENT, component[0]);
        Registry registry = context.getRegistry();
        registry.bind(GatewayWiring.CONNECTIONS_BEAN, devicesGateway.connections());
        registry.bind(GatewayWiring.GATEWAY_BEAN, devicesGateway);
        registry.bind(STATUS_BEAN, status);
        // started with the context, stopped after the routes: the readings consumer hands its partitions over first
        context.addService(devicesGateway, true, true);
        // ClusterMeters only inside the supplier: without Micrometer on the class path it is never loaded
        Observability.register(context, new ClusterReadinessCheck(devicesGateway, status), () -> {
            ClusterMeters meters = new ClusterMeters(devicesGateway, status);
            status.onOwnershipChange(meters::bindPartitions);
            return meters;
        });
        LOG.info("Cluster: instance {} of group {} ({} devices in the file; each instance connects those of its "
                + "partitions of {})", cluster.instanceId(), cluster.groupId(), devices.size(), cluster.topic());
    }
}
