package io.camelonenet.app;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness is DOWN while the device is offline and UP once it is logged in. */
class DeviceReadinessTest {

    @TempDir
    Path workDir;

    @Test
    void should_report_not_ready_while_offline_and_ready_once_connected() throws Exception {
        int port = FreePort.onLoopback();
        Map<String, String> properties = RunningApp.properties(null, workDir);
        properties.put("onenet.broker-url", "tcp://127.0.0.1:" + port);
        properties.put("onenet.reconnect.max-delay", "1000");
        try (RunningApp app = RunningApp.start(properties, context -> { })) {
            HealthCheck.Result offline = readiness(app);
            assertThat(offline.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(offline.getDetails()).containsEntry("device", RunningApp.DEVICE);

            try (OneNetEmulator onenet = OneNetEmulator.builder().port(port)
                    .device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> readiness(app).getState() == HealthCheck.State.UP);
                assertThat(readiness(app).getDetails()).containsEntry("state", "CONNECTED");
                String commandId = onenet.pushCommand(RunningApp.DEVICE, "count me");
                await().atMost(Duration.ofSeconds(30)).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)));
                await().atMost(Duration.ofSeconds(30)).until(() -> (long) readiness(app).getDetails()
                        .get("commandsAnswered") == 1L && (long) readiness(app).getDetails().get("published") > 0);
                Map<String, Object> details = readiness(app).getDetails();
                assertThat(details).containsEntry("commandsReceived", 1L);
                assertThat((long) details.get("produced")).isGreaterThanOrEqualTo((long) details.get("published"));
                assertThat((long) details.get("acknowledged")).isLessThanOrEqualTo((long) details.get("published"));
            }
        }
    }

    @Test
    void should_report_damage_found_at_start_and_not_ready_while_the_buffer_cannot_store() throws Exception {
        Path buffer = Files.createDirectories(workDir.resolve("buffer"));
        Files.write(buffer.resolve("uplink.db"), new byte[8192]);
        try (OneNetEmulator onenet = OneNetEmulator.builder()
                .device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start();
             RunningApp app = RunningApp.start(RunningApp.properties(onenet, workDir), context -> { })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(app).getState() == HealthCheck.State.UP);
            assertThat((String) readiness(app).getDetails().get("bufferDamage")).contains("is not an SQLite database");

            // the store fails under the running app, as a full disk makes it fail
            app.context().getRegistry().lookupByNameAndType("uplinkBuffer", UplinkBuffer.class).close();

            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(app).getState() == HealthCheck.State.DOWN);
            HealthCheck.Result failing = readiness(app);
            assertThat(failing.getMessage()).hasValueSatisfying(message ->
                    assertThat(message).startsWith("the uplink buffer cannot store readings"));
            assertThat((long) failing.getDetails().get("dropped")).isPositive();
        }
    }

    private static HealthCheck.Result readiness(RunningApp app) {
        HealthCheck check = HealthCheckRegistry.get(app.context()).getCheck("onenet-device")
                .map(HealthCheck.class::cast).orElseThrow();
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        return check.call();
    }
}
