package io.camelonenet.app;

import io.camelonenet.setup.DesiredSettings;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.setup.OtaSettings;
import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.buffer.Durability;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneNetSettingsTest {

    private final Map<String, String> properties = new HashMap<>(Map.of(
            "onenet.broker-url", "tcp://127.0.0.1:6002",
            "onenet.device-id", "10001",
            "onenet.product-id", "20001",
            "onenet.auth-info", "secret",
            "onenet.uplink.period", "5000"));

    @Test
    void should_read_a_complete_configuration() {
        OneNetSettings settings = read();

        assertThat(settings.deviceId()).isEqualTo("10001");
        assertThat(settings.uplinkPeriodMillis()).isEqualTo(5000);
        assertThat(settings.bufferSync()).as("every reading synced unless told otherwise").isEqualTo(Durability.FULL);
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void should_name_a_missing_device_id_and_its_environment_variable() {
        properties.remove("onenet.device-id");

        assertThatThrownBy(this::read)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("onenet.device-id is missing (set it in application.properties or as ONENET_DEVICE_ID)");
    }

    @Test
    void should_name_an_unparsable_period() {
        properties.put("onenet.uplink.period", "5s");

        assertThatThrownBy(this::read)
                .hasMessageStartingWith("onenet.uplink.period must be a whole number of milliseconds, not '5s'");
    }

    @Test
    void should_name_other_wrong_values() {
        assertWrong("onenet.uplink.period", "0", "must be a positive number of milliseconds, not 0");
        assertWrong("onenet.uplink.time-zone", "Mars/Olympus", "is wrong: 'Mars/Olympus' is not a time zone id");
        assertWrong("onenet.broker-url", "localhost:1883", "must look like tcp://host:port");
        assertWrong("onenet.emulator.enabled", "yes", "must be true or false, not 'yes'");
        assertWrong("onenet.emulator.port", "70000", "must be between 1 and 65535, not 70000");
        assertWrong("onenet.downlink.dir", "pom.xml", "names a file, not a directory");
        assertWrong("onenet.buffer.sync", "always", "is wrong: 'always' is not a durability (full or normal)");
    }

    @Test
    void should_start_the_emulator_only_where_the_broker_url_points_at_it() {
        assertThat(read().emulatorEnabled()).as("the default: the broker URL is the emulator's").isTrue();

        properties.put("onenet.broker-url", "tcp://localhost:6002");
        assertThat(read().emulatorEnabled()).as("localhost is the emulator's loopback address").isTrue();

        properties.put("onenet.broker-url", "tcp://183.230.40.39:6002");
        assertThat(read().emulatorEnabled()).as("a real broker: no emulator beside it").isFalse();

        properties.put("onenet.broker-url", "tcp://127.0.0.1:1883");
        assertThat(read().emulatorEnabled()).as("another port on this machine is another broker").isFalse();

        properties.put("onenet.broker-url", "tcp://127.0.0.1:6002");
        properties.put("onenet.emulator.enabled", "false");
        assertThat(read().emulatorEnabled()).as("switched off explicitly").isFalse();
    }

    @Test
    void should_refuse_the_emulator_asked_for_beside_a_foreign_broker_naming_both_keys() {
        properties.put("onenet.broker-url", "tcp://183.230.40.39:6002");
        properties.put("onenet.emulator.enabled", "true");

        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("onenet.emulator.enabled is true, but onenet.broker-url (tcp://183.230.40.39:6002)"
                        + " is not the emulator (tcp://127.0.0.1:6002)");
    }

    @Test
    void should_default_the_publish_rate_to_each_product_generations() {
        assertThat(read().maxPublishRate()).as("legacy: no documented limit").isZero();

        properties.put("onenet.protocol", "studio");
        properties.put("onenet.device-name", "d1");
        properties.put("onenet.device-key", "a2V5");
        assertThat(read().maxPublishRate()).as("a data-stream product: 100 QoS 1 publishes per 5 s").isEqualTo(20);
        properties.put("onenet.uplink.kind", "properties");
        assertThat(read().maxPublishRate()).as("a thing-model product: 1 message a second").isEqualTo(1);
        properties.put("onenet.uplink.max-rate", "5");
        assertThat(read().maxPublishRate()).as("set: as set").isEqualTo(5);
    }

    @Test
    void should_name_wrong_desired_and_firmware_settings() {
        Map<String, String> keys = new HashMap<>();
        java.util.function.Function<String, Optional<String>> lookup = key -> Optional.ofNullable(keys.get(key));
        keys.put("onenet.desired.properties", "power, set point");
        assertThatThrownBy(() -> DesiredSettings.read(lookup)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("onenet.desired.properties names 'set point', which is no property identifier");
        keys.put("onenet.desired.properties", " power ,limit,power");
        assertThat(DesiredSettings.read(lookup).properties()).containsExactly("power", "limit");

        assertThat(OtaSettings.read(lookup).enabled()).isFalse();
        assertThat(OtaSettings.read(lookup).apiUrl().toString()).isEqualTo("https://iot-api.heclouds.com");
        keys.put("onenet.ota.api-url", "http://iot-api.heclouds.com");
        assertThatThrownBy(() -> OtaSettings.read(lookup)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("onenet.ota.api-url must be https://host[:port] (http:// only to a loopback");
        keys.put("onenet.ota.api-url", "http://127.0.0.1:8080");
        assertThat(OtaSettings.read(lookup).apiUrl().getPort()).isEqualTo(8080);
        keys.put("onenet.ota.version", "../1.0");
        assertThatThrownBy(() -> OtaSettings.read(lookup)).hasMessageStartingWith("onenet.ota.version must be");
        keys.put("onenet.ota.version", "2.1.0-rc1");
        keys.put("onenet.ota.check-interval", "0");
        assertThatThrownBy(() -> OtaSettings.read(lookup))
                .hasMessageStartingWith("onenet.ota.check-interval must be a positive number of milliseconds");
    }

    private void assertWrong(String key, String value, String problem) {
        Map<String, String> saved = new HashMap<>(properties);
        properties.put(key, value);
        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + " " + problem)
                .satisfies(e -> assertThat(((ConfigurationException) e).key()).isEqualTo(key));
        properties.clear();
        properties.putAll(saved);
    }

    private OneNetSettings read() {
        return OneNetSettings.read(key -> Optional.ofNullable(properties.get(key)));
    }
}
