package io.camelonenet.studio;

import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.emulator.OneNetEmulator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Token login and topic rules of the current platform, as the emulator enforces them. */
class StudioLoginTest {

    private static final String KEY = "EnW4T71eIE55xOIQMN6pFMKuqel5T5HTzsGJRPiDhlM=";
    private static final String PRODUCT_KEY = "c2VjcmV0LXByb2R1Y3Qta2V5LTEyMzQ1Njc4OTA=";
    private static OneNetEmulator onenet;

    @BeforeAll
    static void start() {
        onenet = OneNetEmulator.builder().studioDevice("P1", "dev-a", KEY)
                .studioDeviceWithProductKey("P1", "dev-b", PRODUCT_KEY).build().start();
    }

    @AfterAll
    static void stop() {
        onenet.close();
    }

    @Test
    void should_log_in_with_a_fresh_device_token_and_with_a_product_token() {
        try (DeviceConnection device = connect("dev-a", new TokenPasswordSource(OneNetToken.deviceResource("P1", "dev-a"),
                KEY, TokenMethod.SHA256, Duration.ofMinutes(5), Clock.systemUTC()));
             DeviceConnection product = connect("dev-b", new TokenPasswordSource(OneNetToken.productResource("P1"),
                     PRODUCT_KEY, TokenMethod.MD5, Duration.ofMinutes(5), Clock.systemUTC()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> device.isConnected() && product.isConnected());
        }
    }

    @Test
    void should_refuse_an_expired_token_with_connack_5() {
        String expired = OneNetToken.generate(OneNetToken.deviceResource("P1", "dev-a"), KEY, TokenMethod.SHA1,
                Instant.now().minusSeconds(60).getEpochSecond());
        try (DeviceConnection device = connect("dev-a", PasswordSource.fixed(expired))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> device.lastError() != null);
            assertThat(device.lastError()).startsWith("CONNACK 5, not authorized");
        }
    }

    @Test
    void should_refuse_a_token_signed_with_the_wrong_key_with_connack_4() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        try (DeviceConnection device = connect("dev-a", new TokenPasswordSource(
                OneNetToken.deviceResource("P1", "dev-a"), wrongKey, TokenMethod.SHA256, Duration.ofMinutes(5),
                Clock.systemUTC()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> device.lastError() != null);
            assertThat(device.lastError()).startsWith("CONNACK 4, bad user name or password");
        }
    }

    @Test
    void should_refuse_subscriptions_outside_the_devices_own_topics_or_with_early_wildcards() throws MqttException {
        MqttClient client = new MqttClient(onenet.brokerUrl(), "dev-a", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName("P1");
        options.setPassword(OneNetToken.generate(OneNetToken.deviceResource("P1", "dev-a"), KEY, TokenMethod.SHA1,
                Instant.now().plusSeconds(600).getEpochSecond()).toCharArray());
        client.connect(options);
        try {
            client.subscribe("$sys/P1/dev-a/cmd/#", 0);
            assertThatThrownBy(() -> client.subscribe("$sys/P1/dev-a/#", 0)).isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> client.subscribe("$sys/P1/dev-b/cmd/#", 0)).isInstanceOf(MqttException.class);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static DeviceConnection connect(String deviceName, PasswordSource password) {
        DeviceConnection connection = new DeviceConnection(ConnectionSettings.of(onenet.brokerUrl(), deviceName, "P1",
                password).withMaxReconnectDelay(Duration.ofSeconds(2)));
        connection.start();
        return connection;
    }
}
