package io.camelonenet.health;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.connection.DeviceConnection;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.Map;

/**
 * Readiness of the device: DOWN while it is not logged in (camel-paho has no connection check of its own, and a route
 * can look "Started" while nothing flows) or while its buffer cannot store readings (a full disk, a read-only
 * directory), with the connection state, the last login error, the buffer's counters and any damage found in the
 * buffer at start as details.
 */
public final class DeviceReadinessCheck extends ReadinessCheck {

    private final DeviceConnection connection;
    private final UplinkBuffer buffer;
    private final DeviceCounters counters;

    /** The check {@code onenet-device}: the one device of an app. */
    public DeviceReadinessCheck(DeviceConnection connection, UplinkBuffer buffer, DeviceCounters counters) {
        this("onenet-device", connection, buffer, counters);
    }

    /** A check of its own id, for one device among several. */
    public DeviceReadinessCheck(String id, DeviceConnection connection, UplinkBuffer buffer, DeviceCounters counters) {
        super(id);
        this.connection = connection;
        this.buffer = buffer;
        this.counters = counters;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("device", connection.settings().clientId());
        builder.detail("state", connection.state().name());
        builder.detail("buffered", buffer.count());
        builder.detail("stored", buffer.counters().stored());
        builder.detail("acknowledged", buffer.counters().acknowledged());
        builder.detail("dropped", buffer.counters().dropped());
        builder.detail("possibleDuplicates", buffer.counters().duplicates());
        counters.snapshot().forEach(builder::detail);
        builder.detail("answersDropped", connection.answersDropped());
        if (connection.lastError() != null) {
            builder.detail("lastError", connection.lastError());
        }
        if (!buffer.damage().isEmpty()) {
            builder.detail("bufferDamage", String.join("; ", buffer.damage()));
        }
        String writeProblem = buffer.writeProblem();
        if (writeProblem != null) {
            builder.detail("bufferWriteProblem", writeProblem);
            builder.message("the uplink buffer cannot store readings: " + writeProblem).down();
        } else if (connection.isConnected()) {
            builder.up();
        } else {
            builder.message("device " + connection.settings().clientId() + " is not connected").down();
        }
    }
}
