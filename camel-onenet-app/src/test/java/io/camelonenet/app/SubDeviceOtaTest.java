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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Firmware upgrades of a current-platform gateway and its sub-devices, each with its own version and token: the
 * gateway's task found at the start, a sub-device's found when the platform invokes the service otaCheck, each
 * package under its own device's directory, through the bundled firmware route.
 */
class SubDeviceOtaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void the_gateway_and_a_sub_device_are_upgraded_each_with_its_own_version() throws Exception {
        List<SubDevice> devices = List.of(SubDeviceGatewayTest.child(1), SubDeviceGatewayTest.child(2));
        SubDevice upgraded = devices.get(1);
        try (OneNetEmulator onenet = SubDeviceGatewayTest.emulatorOf(devices).build().start()) {
            Path file = Files.writeString(workDir.resolve("sub-devices.yaml"),
                    SubDeviceGatewayTest.devicesYaml(devices));
            Map<String, String> properties = SubDeviceGatewayTest.properties(onenet, workDir, file);
            properties.put("onenet.ota.enabled", "true");
            properties.put("onenet.ota.api-url", onenet.otaUrl());
            properties.put("onenet.ota.dir", workDir.resolve("ota").toString());
            properties.put("onenet.ota.version", "3.0");
            // checked at the start, then only on a command within the test
            properties.put("onenet.ota.check-interval", "3600000");
            byte[] gatewayImage = StudioOtaTest.firmware(64 * 1024, 7);
            long gatewayTask = onenet.createOtaTask(SubDeviceGatewayTest.GATEWAY_PRODUCT, SubDeviceGatewayTest.GATEWAY,
                    "3.1", gatewayImage);

            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> onenet.otaTask(gatewayTask).status() == 4);
                await().atMost(WAIT).until(() -> "3.0".equals(onenet.otaVersion(upgraded.productId(),
                        upgraded.deviceName())));

                byte[] subImage = StudioOtaTest.firmware(96 * 1024, 8);
                long subTask = onenet.createOtaTask(upgraded.productId(), upgraded.deviceName(), "3.0.1", subImage);
                await().atMost(WAIT).until(() -> devices.stream()
                        .allMatch(d -> onenet.subDeviceOnline(SubDeviceGatewayTest.GATEWAY, d)));
                onenet.invokeSubDeviceService(SubDeviceGatewayTest.GATEWAY, upgraded, "otaCheck", Map.of());

                await().atMost(WAIT).until(() -> onenet.otaTask(subTask).status() == 4);
                assertThat(onenet.otaTask(subTask).steps()).endsWith(100, 201);
                await().atMost(WAIT).until(() -> "3.0.1".equals(onenet.otaVersion(upgraded.productId(),
                        upgraded.deviceName())));
                assertThat(onenet.otaVersion(SubDeviceGatewayTest.GATEWAY_PRODUCT, SubDeviceGatewayTest.GATEWAY))
                        .isEqualTo("3.1");
                assertThat(onenet.otaVersion(devices.get(0).productId(), devices.get(0).deviceName()))
                        .as("the other sub-device").isEqualTo("3.0");
                assertThat(Files.readAllBytes(workDir.resolve("ota").resolve(upgraded.productId())
                        .resolve(upgraded.deviceName()).resolve("3.0.1"))).isEqualTo(subImage);
                assertThat(Files.readAllBytes(workDir.resolve("ota").resolve(SubDeviceGatewayTest.GATEWAY)
                        .resolve("3.1"))).isEqualTo(gatewayImage);
            }
        }
    }
}
