package io.camelonenet.health;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.gateway.GatewayStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.List;
import java.util.Map;

/**
 * Readiness of a gateway: how many of its configured devices are online, connecting or refused by the platform
 * (bad auth info), and which are refused. UP while the buffer can store readings and at least one device is online:
 * one device with a wrong secret is a finding for its owner (named here and in the log), not a reason to take the
 * other devices' gateway out of service.
 */
public final class GatewayReadinessCheck extends ReadinessCheck {

    /** Refused devices named in the details; the count says how many there are in all. */
    static final int NAMED_REFUSED = 20;

    private final GatewayStatus gateway;
    private final UplinkBuffer buffer;

    public GatewayReadinessCheck(GatewayStatus gateway, UplinkBuffer buffer) {
        super("onenet-gateway");
        this.gateway = gateway;
        this.buffer = buffer;
    }

    /** The details a gateway and a cluster instance share: its devices online and refused, its dropped work. */
    static void devices(HealthCheckResultBuilder builder, GatewayStatus gateway, long online, List<String> refused) {
        builder.detail("online", online);
        builder.detail("refusedCount", refused.size());
        if (!refused.isEmpty()) {
            builder.detail("refused", String.join(",", refused.subList(0, Math.min(NAMED_REFUSED, refused.size())))
                    + (refused.size() > NAMED_REFUSED ? ",..." : ""));
        }
        builder.detail("commandsRefused", gateway.commandsRefused());
        builder.detail("answersDropped", gateway.answersDropped());
    }

    static String refusedSuffix(List<String> refused) {
        return refused.isEmpty() ? "" : ", " + refused.size() + " refused";
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int configured = gateway.configured();
        long online = gateway.online();
        List<String> refused = gateway.refused();
        builder.detail("configured", configured);
        devices(builder, gateway, online, refused);
        builder.detail("buffered", buffer.count());
        builder.detail("dropped", buffer.counters().dropped());
        String writeProblem = buffer.writeProblem();
        if (writeProblem != null) {
            builder.detail("bufferWriteProblem", writeProblem);
            builder.message("the uplink buffer cannot store readings: " + writeProblem).down();
        } else if (online > 0 || configured == 0) {
            builder.message(online + " of " + configured + " devices online" + refusedSuffix(refused)).up();
        } else {
            builder.message("none of " + configured + " devices is online").down();
        }
    }
}
