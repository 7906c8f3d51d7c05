package io.camelonenet.health;

import io.camelonenet.ota.FirmwareUpgrades;
import io.camelonenet.ota.OtaAgent;
import io.camelonenet.ota.OtaStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Firmware upgrades' meters, tagged {@code device}: the state (the index of {@link OtaStatus.State}: 0 idle,
 * 1 checking, 2 downloading, 3 applying, 4 succeeded, 5 failed, 6 cancelled, 7 retrying) and the download's percent.
 */
public final class OtaMeters implements MeterBinder {

    private final FirmwareUpgrades upgrades;

    public OtaMeters(FirmwareUpgrades upgrades) {
        this.upgrades = upgrades;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OtaAgent agent : upgrades.agents()) {
            Tags tags = Tags.of("device", agent.device());
            Gauge.builder("onenet.ota.state", agent, a -> a.status().state().ordinal())
                    .description("The device's firmware upgrade: 0 idle, 1 checking, 2 downloading, 3 applying,"
                            + " 4 succeeded, 5 failed, 6 cancelled, 7 retrying").tags(tags).register(registry);
            Gauge.builder("onenet.ota.download.percent", agent, a -> a.status().percent())
                    .description("How much of the task's package is downloaded").baseUnit("percent").tags(tags)
                    .register(registry);
        }
    }
}
