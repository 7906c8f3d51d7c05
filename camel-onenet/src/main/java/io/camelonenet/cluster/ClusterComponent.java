package io.camelonenet.cluster;

import io.camelonenet.gateway.DeviceUplink;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code onenet-cluster:readings}: the readings of the devices this instance owns in a Kafka consumer group, each
 * device's in order with {@code OneNetDeviceId} set; an exchange that completes (after the PUBACK behind
 * {@code onenet-publish}, or a current-platform gateway's answer behind {@code AwaitedReadings}) settles its reading,
 * and the partition is committed up to its oldest unsettled one. Its Kafka options are a {@link ClusterConfiguration}
 * (component or URI); what it connects is its {@code ownership}. Set up by the app's wiring
 * ({@code onenet.cluster.*}), or by an embedding application.
 */
@Component("onenet-cluster")
public class ClusterComponent extends DefaultComponent implements DeviceUplink {

    @Metadata(description = "The options every endpoint starts from; each can also be set on its own, as"
            + " camel.component.onenet-cluster.brokers for example")
    private ClusterConfiguration configuration = new ClusterConfiguration();
    @Metadata(label = "advanced", description = "What to connect for the devices of the owned partitions: a legacy"
            + " gateway's connections (DeviceOwnership) or a current-platform gateway (GatewayOwnership); the app's"
            + " wiring sets it")
    private Ownership ownership;
    private final OwnedDevices owned;
    private final ClusterStatus status;
    private volatile KafkaReadingsConsumer consumer;

    /** A component whose {@code ownership} (and options) are set afterwards, as Camel's tooling and a host do. */
    public ClusterComponent() {
        this.owned = new OwnedDevices();
        this.status = new ClusterStatus();
    }

    /**
     * @param ownership what to connect for the keys of the owned partitions: the legacy devices' connections
     *                  ({@link DeviceOwnership}) or a current-platform gateway's ({@link GatewayOwnership})
     */
    public ClusterComponent(ClusterOptions options, Ownership ownership, OwnedDevices owned, ClusterStatus status) {
        this.configuration = ClusterConfiguration.of(options);
        this.ownership = ownership;
        this.owned = owned;
        this.status = status;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (ownership == null) {
            throw new IllegalArgumentException(uri + ": option ownership is missing: what to connect for the devices"
                    + " of the owned partitions (the app sets it when onenet.cluster.kafka.bootstrap-servers is set;"
                    + " a host gives a DeviceOwnership or GatewayOwnership)");
        }
        ClusterEndpoint endpoint = new ClusterEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        // checked now, so that a mistake stops the route at start-up, naming the option
        endpoint.options();
        return endpoint;
    }

    public ClusterConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ClusterConfiguration configuration) {
        this.configuration = configuration;
    }

    public Ownership getOwnership() {
        return ownership;
    }

    public void setOwnership(Ownership ownership) {
        this.ownership = ownership;
    }

    /** Whether this instance owns the device: it is in one of its partitions. */
    @Override
    public boolean owns(String deviceId) {
        return owned != null && owned.owns(deviceId);
    }

    /** None: a removed device's readings are in Kafka, not here, so it disconnects at once. */
    @Override
    public long waiting(String deviceId) {
        return 0;
    }

    /** A device's connection is up again: its readings go at once. */
    @Override
    public void resume(String deviceId) {
        KafkaReadingsConsumer current = consumer;
        if (current != null) {
            current.resume(deviceId);
        }
    }

    Ownership ownership() {
        return ownership;
    }

    OwnedDevices owned() {
        return owned;
    }

    ClusterStatus status() {
        return status;
    }

    void attach(KafkaReadingsConsumer consumer) {
        if (this.consumer != null) {
            throw new IllegalStateException("onenet-cluster has one consumer per instance; a second route consumes "
                    + "from it");
        }
        this.consumer = consumer;
    }

    void detach(KafkaReadingsConsumer consumer) {
        if (this.consumer == consumer) {
            this.consumer = null;
        }
    }
}
