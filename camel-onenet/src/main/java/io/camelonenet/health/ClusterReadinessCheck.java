package io.camelonenet.health;

import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.gateway.GatewayStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Readiness of a cluster instance: whether it is a member of the consumer group, the partitions and devices it owns,
 * how many of those are online, and the Kafka consumer's last error. UP once it is a member and, if it owns devices,
 * at least one is online; an instance that owns nothing (more instances than partitions) is a standby, and ready.
 */
public final class ClusterReadinessCheck extends ReadinessCheck {

    private final GatewayStatus gateway;
    private final ClusterStatus cluster;

    public ClusterReadinessCheck(GatewayStatus gateway, ClusterStatus cluster) {
        super("onenet-cluster");
        this.gateway = gateway;
        this.cluster = cluster;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int owned = gateway.configured();
        long online = gateway.online();
        List<String> refused = gateway.refused();
        builder.detail("member", cluster.member());
        builder.detail("partitions", cluster.partitions().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(",")));
        builder.detail("ownedDevices", owned);
        GatewayReadinessCheck.devices(builder, gateway, online, refused);
        builder.detail("oldestUnacknowledgedMillis", cluster.oldestUnacknowledgedAgeMillis());
        String problem = cluster.problem();
        if (problem != null) {
            builder.detail("kafkaProblem", problem);
        }
        if (!cluster.member()) {
            builder.message(problem != null ? "not in the consumer group: " + problem
                    : "joining the consumer group").down();
        } else if (owned == 0 && problem != null) {
            builder.message(problem).down();
        } else if (owned == 0) {
            // a current-platform gateway's standby may own partitions that carry no reading of its gateway
            builder.message("in the consumer group; " + (cluster.partitions().isEmpty() ? "owns no partition"
                    : "owns no device in its partitions") + " (standby)").up();
        } else if (online > 0) {
            int partitions = cluster.partitions().size();
            builder.message(partitions + (partitions == 1 ? " partition, " : " partitions, ") + online + " of " + owned
                    + " devices online" + GatewayReadinessCheck.refusedSuffix(refused)).up();
        } else {
            builder.message("none of its " + owned + " devices is online").down();
        }
    }
}
