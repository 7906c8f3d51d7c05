package io.camelonenet.health;

import io.camelonenet.ota.FirmwareUpgrades;
import io.camelonenet.ota.OtaStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.Map;

/**
 * Readiness of firmware upgrades ({@code onenet-ota}): each device's state, version and task as details
 * ({@code <device>.state}, {@code .version}, {@code .target}, {@code .percent}, {@code .detail}); DOWN only when the
 * upgrades' thread died. A failed or cancelled upgrade is the platform's and the route's business, shown in the
 * details, not a reason to take the app out of service.
 */
public final class OtaReadinessCheck extends ReadinessCheck {

    private final FirmwareUpgrades upgrades;

    public OtaReadinessCheck(FirmwareUpgrades upgrades) {
        super("onenet-ota");
        this.upgrades = upgrades;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int index = 0;
        for (OtaStatus status : upgrades.statuses()) {
            String device = upgrades.agents().get(index++).device();
            builder.detail(device + ".state", status.state().name());
            builder.detail(device + ".version", status.version());
            if (status.target() != null) {
                builder.detail(device + ".target", status.target());
                builder.detail(device + ".percent", status.percent());
            }
            if (status.detail() != null) {
                builder.detail(device + ".detail", status.detail());
            }
        }
        if (upgrades.isRunning()) {
            builder.up();
        } else {
            builder.message("firmware upgrades are not running").down();
        }
    }
}
