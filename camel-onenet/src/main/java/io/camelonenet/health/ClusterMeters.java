package io.camelonenet.health;

import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.gateway.GatewayStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster instance's meters: partitions and devices owned, devices online, per partition (tag {@code partition})
 * the readings not yet acknowledged (the lag, NaN while another instance owns it), the age of the oldest
 * unacknowledged reading, and counts of readings acknowledged, sent again (possible duplicates), dead-lettered and of
 * hand-overs; as a gateway's, its devices refused, requests refused and answers dropped. A partition gets its gauge when this instance first owns it ({@link #bindPartitions()}).
 */
public final class ClusterMeters implements MeterBinder {

    private final GatewayStatus gateway;
    private final ClusterStatus cluster;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<Integer> bound = ConcurrentHashMap.newKeySet();

    public ClusterMeters(GatewayStatus gateway, ClusterStatus cluster) {
        this.gateway = gateway;
        this.cluster = cluster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        ClusterStatus status = cluster;
        Gauge.builder("onenet.cluster.partitions.owned", status, s -> s.partitions().size())
                .description("Kafka partitions this instance owns").register(registry);
        Gauge.builder("onenet.cluster.devices.owned", gateway, GatewayStatus::configured)
                .description("devices of the owned partitions").register(registry);
        GatewayMeters.bindDevicesOnline(registry, gateway, "owned devices connected to the platform");
        Gauge.builder("onenet.cluster.oldest.unacknowledged.age", status,
                        s -> s.oldestUnacknowledgedAgeMillis() / 1000.0).baseUnit("seconds")
                .description("age of the oldest reading consumed and not yet acknowledged by the platform")
                .register(registry);
        FunctionCounter.builder("onenet.cluster.readings.acknowledged", status, ClusterStatus::acknowledged)
                .description("readings acknowledged by the platform").register(registry);
        FunctionCounter.builder("onenet.cluster.readings.resent", status, ClusterStatus::resent)
                .description("readings sent again after a failure: each may be a duplicate").register(registry);
        FunctionCounter.builder("onenet.cluster.readings.dead.lettered", status, ClusterStatus::deadLettered)
                .description("readings for no device of the devices file, kept as dead letters").register(registry);
        FunctionCounter.builder("onenet.cluster.handovers", status, ClusterStatus::handOvers)
                .description("partitions handed over to another instance (graceful)").register(registry);
        bound.forEach(partition -> bindPartition(registry, partition));
        bindPartitions();
    }

    /** Gauges for partitions owned for the first time. */
    public void bindPartitions() {
        for (Integer partition : cluster.partitions()) {
            if (bound.add(partition)) {
                registries.forEach(registry -> bindPartition(registry, partition));
            }
        }
    }

    private void bindPartition(MeterRegistry registry, int partition) {
        ClusterStatus status = cluster;
        Gauge.builder("onenet.cluster.partition.lag", status, s -> {
                    Long lag = s.lag().get(partition);
                    return lag == null ? Double.NaN : lag;
                }).tag("partition", String.valueOf(partition)).baseUnit("readings")
                .description("readings of the partition in Kafka not yet acknowledged by the platform")
                .register(registry);
    }
}
