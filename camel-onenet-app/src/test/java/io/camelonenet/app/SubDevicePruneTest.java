package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.studio.SubDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With onenet.gateway.prune-topology=true a sub-device removed from the devices file is unbound (topo/delete). */
class SubDevicePruneTest {

    @TempDir
    Path workDir;

    @Test
    void a_sub_device_removed_from_the_file_is_unbound_when_pruning() throws Exception {
        List<SubDevice> three = List.of(SubDeviceGatewayTest.child(1), SubDeviceGatewayTest.child(2),
                SubDeviceGatewayTest.child(3));
        Path file = workDir.resolve("sub-devices.yaml");
        Files.writeString(file, yaml(three));
        try (OneNetEmulator onenet = SubDeviceGatewayTest.emulator(0)) {
            Map<String, String> properties = SubDeviceGatewayTest.properties(onenet, workDir, file);
            properties.put("onenet.gateway.prune-topology", "true");
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(Duration.ofSeconds(60)).until(() -> three.stream()
                        .allMatch(d -> onenet.subDeviceOnline(SubDeviceGatewayTest.GATEWAY, d)));

                Files.writeString(file, yaml(three.subList(0, 2)));

                await().atMost(Duration.ofSeconds(60)).until(() -> !onenet.topology(SubDeviceGatewayTest.GATEWAY)
                        .contains(three.get(2)));
                assertThat(onenet.topology(SubDeviceGatewayTest.GATEWAY)).containsExactlyInAnyOrderElementsOf(
                        three.subList(0, 2));
                assertThat(onenet.record().topologyChanges()).contains(SubDeviceGatewayTest.GATEWAY + " delete "
                        + three.get(2));
            }
        }
    }

    private static String yaml(List<SubDevice> devices) {
        return "devices:\n" + devices.stream().map(d -> "  - device-name: \"" + d.deviceName() + "\"\n    product-id: \""
                + d.productId() + "\"\n    device-key: \"" + SubDeviceGatewayTest.key(d.deviceName()) + "\"\n")
                .collect(Collectors.joining());
    }
}
