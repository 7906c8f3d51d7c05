package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway's logins keep to onenet.connect.rate: 100 devices at 50 a second log in over about 2 seconds, not in one
 * burst, and so do their reconnects after the broker restarted.
 */
class GatewayLoginPacingTest {

    private static final int DEVICES = 100;
    private static final int RATE = 50;
    @TempDir
    Path workDir;

    @Test
    void logins_and_reconnects_after_a_broker_restart_are_paced() throws Exception {
        Path file = workDir.resolve("devices.yaml");
        Files.writeString(file, GatewayRoutesTest.devicesYaml(IntStream.rangeClosed(1, DEVICES).boxed().toList(),
                null));
        DeviceRegistry devices = DevicesFile.legacy().read(file);
        int port = FreePort.onLoopback();
        OneNetEmulator first = emulator(port, devices);
        Map<String, String> properties = RunningApp.properties(first, workDir);
        properties.put("onenet.devices.file", file.toString());
        properties.put("onenet.connect.rate", String.valueOf(RATE));
        properties.put("onenet.uplink.period", "1000");
        try (RunningApp app = RunningApp.start(properties, context -> { })) {
            List<Instant> logins = awaitAllLoggedIn(first);
            assertPaced(logins);

            first.close();
            try (OneNetEmulator second = emulator(port, devices)) {
                assertPaced(awaitAllLoggedIn(second));
            }
        } finally {
            first.close();
        }
    }

    private static OneNetEmulator emulator(int port, DeviceRegistry devices) {
        return OneNetEmulator.builder().port(port).devices(devices).commandPeriod(Duration.ZERO).build().start();
    }

    private static List<Instant> awaitAllLoggedIn(OneNetEmulator onenet) {
        List<String> ids = IntStream.rangeClosed(1, DEVICES).mapToObj(GatewayRoutesTest::id).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> !onenet.record().logins(id)
                .isEmpty()));
        return ids.stream().map(id -> onenet.record().logins(id).get(0)).sorted().toList();
    }

    /**
     * 99 slots of 20 ms: about 2 s from the first login to the last, as the broker stamps them on arrival. Only a lower
     * bound, a quarter below it, since a busy machine delays arrivals unevenly; without pacing all 100 arrive within a
     * fraction of a second. The pace itself (no burst after idling) is PacerTest's, on a clock the test moves.
     */
    private static void assertPaced(List<Instant> logins) {
        Duration spread = Duration.between(logins.get(0), logins.get(logins.size() - 1));
        assertThat(spread).as("100 logins at 50 a second").isGreaterThan(Duration.ofMillis(1500));
    }
}
