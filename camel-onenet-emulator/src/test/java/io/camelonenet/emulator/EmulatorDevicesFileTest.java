package io.camelonenet.emulator;

import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The emulator accepting every device of a gateway's devices file, each with its own credentials only. */
class EmulatorDevicesFileTest {

    @TempDir
    Path dir;

    @Test
    void should_accept_each_device_of_the_file_with_its_own_secret() throws Exception {
        StringBuilder yaml = new StringBuilder("devices:\n");
        for (int i = 1; i <= 5; i++) {
            yaml.append("  - device-id: \"meter-").append(i).append("\"\n    product-id: \"meters\"\n")
                    .append("    auth-info: secret-").append(i).append('\n');
        }
        DeviceRegistry registry = DevicesFile.legacy().read(Files.writeString(dir.resolve("devices.yaml"), yaml));

        try (OneNetEmulator onenet = OneNetEmulator.builder().devices(registry).build().start()) {
            for (int i = 1; i <= 5; i++) {
                MqttClient client = connect(onenet, "meter-" + i, "secret-" + i);
                assertThat(client.isConnected()).isTrue();
                client.disconnect();
                client.close();
            }
            // another device's secret is no good
            assertThatThrownBy(() -> connect(onenet, "meter-1", "secret-2"))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(4));
            assertThat(onenet.record().logins("meter-3")).hasSize(1);
        }
    }

    @Test
    void should_count_a_login_while_the_same_device_is_connected_as_a_takeover() throws Exception {
        DeviceRegistry registry = DevicesFile.legacy().read(Files.writeString(dir.resolve("devices.yaml"),
                "devices:\n  - device-id: \"meter-1\"\n    product-id: \"meters\"\n    auth-info: secret-1\n"));
        try (OneNetEmulator onenet = OneNetEmulator.builder().devices(registry).build().start()) {
            // one after the other: no takeover
            MqttClient first = connect(onenet, "meter-1", "secret-1");
            first.disconnect();
            first.close();
            MqttClient second = connect(onenet, "meter-1", "secret-1");
            assertThat(onenet.record().takeovers("meter-1")).isZero();
            // a second connection while the first is up: the broker drops the older one
            MqttClient third = connect(onenet, "meter-1", "secret-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> onenet.record().takeovers("meter-1") == 1);
            assertThat(onenet.record().takeovers()).isEqualTo(1);
            assertThat(onenet.record().logouts("meter-1")).hasSize(2);
            third.disconnect();
            third.close();
            second.close();
        }
    }

    private static MqttClient connect(OneNetEmulator onenet, String device, String secret) throws MqttException {
        return LegacyClients.connect(onenet, device, "meters", secret);
    }
}
