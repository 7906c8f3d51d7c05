package io.camelonenet.app;

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
    /**
     * Each login is sent at a random point of its 20 ms slot, so a 1 s window holds 51 at most as sent; the broker
     * stamps them on arrival, after a scheduling delay that varies on a busy machine: a fifth more is allowed. Without
     * pacing all 100 arrive within a fraction of a second.
     */
    private static final int MOST_IN_A_SECOND = RATE * 6 / 5;

    @TempDir
    Path workDir;

    @Test
    void logins_and_reconnects_after_a_broker_restart_are_paced() throws Exception {
        Path file = workDir.resolve("devices.yaml");
        Files.writeString(file, GatewayRoutesTest.devicesYaml(IntStream.rangeClosed(1, DEVICES).boxed().toList(),
                null));
        DeviceRegistry devices = DevicesFile.legacy().read(file);
        int port = PackagedApp.freePort();
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

    private static void assertPaced(List<Instant> logins) {
        Duration spread = Duration.between(logins.get(0), logins.get(logins.size() - 1));
        assertThat(spread).as("100 logins at 50 a second").isGreaterThan(Duration.ofMillis(1500));
        for (int i = 0; i < logins.size(); i++) {
            Instant windowEnd = logins.get(i).plusSeconds(1);
            long inWindow = logins.subList(i, logins.size()).stream().filter(t -> t.isBefore(windowEnd)).count();
            assertThat(inWindow).as("logins in the second from login %d", i).isLessThanOrEqualTo(MOST_IN_A_SECOND);
        }
    }
}
