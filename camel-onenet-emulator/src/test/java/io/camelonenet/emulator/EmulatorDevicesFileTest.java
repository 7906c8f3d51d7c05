package io.camelonenet.emulator;

import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static MqttClient connect(OneNetEmulator onenet, String device, String secret) throws MqttException {
        MqttClient client = new MqttClient(onenet.brokerUrl(), device, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName("meters");
        options.setPassword(secret.toCharArray());
        options.setAutomaticReconnect(false);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
