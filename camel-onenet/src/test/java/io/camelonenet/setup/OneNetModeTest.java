package io.camelonenet.setup;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneNetModeTest {

    @Test
    void should_choose_the_routes_folder_of_each_of_the_six_modes() {
        assertThat(mode(Map.of()).routesFolder()).isEqualTo("legacy");
        assertThat(mode(Map.of("onenet.protocol", "studio")).routesFolder()).isEqualTo("studio");
        assertThat(mode(Map.of("onenet.devices.file", "devices.yaml")).routesFolder()).isEqualTo("gateway/legacy");
        assertThat(mode(Map.of("onenet.protocol", "studio", "onenet.devices.file", "d.yaml")).routesFolder())
                .isEqualTo("gateway/studio");
        assertThat(mode(Map.of("onenet.devices.file", "d.yaml", "onenet.cluster.kafka.bootstrap-servers", "k:9092"))
                .routesFolder()).isEqualTo("cluster/legacy");
        assertThat(mode(Map.of("onenet.protocol", "studio", "onenet.devices.file", "d.yaml",
                "onenet.cluster.kafka.bootstrap-servers", "k:9092")).shape()).isEqualTo(OneNetMode.Shape.CLUSTER);
    }

    @Test
    void should_read_the_protocol_in_any_case_and_spell_it_as_the_routes_do() {
        OneNetMode mode = mode(Map.of("onenet.protocol", " STUDIO "));

        assertThat(mode.protocol()).isEqualTo(OneNetSettings.Protocol.STUDIO);
        assertThat(mode.routesFolder()).isEqualTo("studio");
    }

    @Test
    void should_name_the_key_of_a_protocol_it_does_not_know() {
        assertThatThrownBy(() -> mode(Map.of("onenet.protocol", "mqtt5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("onenet.protocol")
                .hasMessageContaining("must be legacy or studio");
    }

    @Test
    void should_refuse_a_cluster_without_a_devices_file_and_ignore_blank_values() {
        assertThatThrownBy(() -> mode(Map.of("onenet.cluster.kafka.bootstrap-servers", "k:9092")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("onenet.cluster.kafka.bootstrap-servers").hasMessageContaining("devices file");
        assertThat(mode(Map.of("onenet.devices.file", "  ")).shape()).isEqualTo(OneNetMode.Shape.DEVICE);
    }

    private static OneNetMode mode(Map<String, String> properties) {
        return OneNetMode.read(key -> Optional.ofNullable(properties.get(key)));
    }
}
