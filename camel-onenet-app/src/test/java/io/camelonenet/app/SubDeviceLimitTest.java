package io.camelonenet.app;

import io.camelonenet.setup.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A current-platform gateway's topology holds at most 1,500 sub-devices: more is a start-up error naming the key. */
class SubDeviceLimitTest {

    @TempDir
    Path workDir;

    @Test
    void more_than_1500_sub_devices_stop_the_app_at_start_up() throws Exception {
        Path file = workDir.resolve("sub-devices.yaml");
        Files.writeString(file, "devices:\n" + IntStream.rangeClosed(1, 1501).mapToObj(i -> "  - device-name: \"d" + i
                + "\"\n    product-id: \"p\"\n    device-key: \"" + SubDeviceGatewayTest.key("d" + i) + "\"\n")
                .collect(Collectors.joining()));
        Map<String, String> properties = SubDeviceGatewayTest.properties(null, workDir, file);
        properties.put("onenet.broker-url", "tcp://127.0.0.1:1");

        assertThatThrownBy(() -> RunningApp.start(properties, context -> { }).close())
                .satisfies(failure -> {
                    Throwable cause = failure;
                    while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("onenet.devices.file lists 1501 sub-devices")
                            .hasMessageContaining("at most 1500");
                });
    }
}
