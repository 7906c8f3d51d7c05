package io.camelonenet.cluster;

import io.camelonenet.gateway.DeviceUplink;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code onenet-cluster:readings}: the readings of the devices this instance owns in a Kafka consumer group, each
 * device's in order with {@code OneNetDeviceId} set; an exchange that completes (after the PUBACK behind
 * {@code onenet-publish}, or a current-platform gateway's answer behind {@code AwaitedReadings}) settles its reading,
 * and the partition is committed up to its oldest unsettled one. Set up by the app's wiring
 * ({@code onenet.cluster.kafka.*}), or by an embedding application with the constructor.
 */
@Component("onenet-cluster")
public class ClusterComponent extends DefaultComponent implements DeviceUplink {

    private final ClusterOptions options;
    private final Ownership ownership;
    private final OwnedDevices owned;
    private final ClusterStatus status;
    private volatile KafkaReadingsConsumer consumer;

    /** Only for Camel's tooling; a usable component is made with the other constructor. */
    public ClusterComponent() {
        this(null, null, null, null);
    }

    /**
     * @param ownership what to connect for the keys of the owned partitions: the legacy devices' connections
     *                  ({@link DeviceOwnership}) or a current-platform gateway's ({@link GatewayOwnership})
     */
    public ClusterComponent(ClusterOptions options, Ownership ownership, OwnedDevices owned, ClusterStatus status) {
        this.options = options;
        this.ownership = ownership;
        this.owned = owned;
        this.status = status;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (options == null) {
            throw new IllegalStateException("onenet-cluster is not set up: it needs a ClusterComponent made with its "
                    + "options, gateway and owned devices (the app does this when onenet.cluster.kafka."
                    + "bootstrap-servers is set)");
        }
        ClusterEndpoint endpoint = new ClusterEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
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

    ClusterOptions options() {
        return options;
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
