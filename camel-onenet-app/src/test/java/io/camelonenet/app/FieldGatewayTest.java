package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.SubDevicePost;
import io.camelonenet.emulator.ThingReply;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.studio.SubDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Field devices behind the bundled gateway routes: 100 Modbus sources of a legacy gateway of 100 devices, each
 * device's readings on its own connection; and a current-platform gateway's sub-devices whose points go out by
 * pack/post, by history/post after an outage, and whose writable point a property set writes.
 */
class FieldGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DEVICES = 100;

    @TempDir
    Path workDir;

    @Test
    void should_carry_each_legacy_devices_points_on_its_own_connection() throws Exception {
        Path emulatorFile = workDir.resolve("emulator-devices.yaml");
        Files.writeString(emulatorFile, GatewayRoutesTest.devicesYaml(range(), null));
        try (ModbusField field = ModbusField.start(1, DEVICES + 10);
             OneNetEmulator onenet = OneNetEmulator.builder().devices(DevicesFile.legacy().read(emulatorFile))
                     .commandPeriod(Duration.ZERO).build().start()) {
            range().forEach(n -> field.holding(n, 1000 + n));
            Path devicesFile = Files.writeString(workDir.resolve("devices.yaml"),
                    GatewayRoutesTest.devicesYaml(range(), null));
            Path points = Files.writeString(workDir.resolve("points.yaml"), "sources:\n" + range().stream()
                    .map(n -> "  - {name: meter-" + n + ", modbus-tcp: \"" + field.address() + "\", poll: 500,"
                            + " device: \"" + GatewayRoutesTest.id(n) + "\", points: [{name: energy, register:"
                            + " holding " + n + "}]}\n").collect(Collectors.joining()));
            Map<String, String> properties = RunningApp.properties(onenet, workDir);
            properties.put("onenet.devices.file", devicesFile.toString());
            properties.put("onenet.connect.rate", "500");
            properties.put("onenet.points.file", points.toString());
            properties.put("onenet.points.state-file", workDir.resolve("last.json").toString());
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> range().stream().allMatch(n -> !uploads(onenet, n).isEmpty()));
                for (int n : range()) {
                    List<UploadedDatapoints> uploads = uploads(onenet, n);
                    assertThat(uploads).as("device %s", n).allSatisfy(upload -> assertThat(upload.datapoints())
                            .extracting(Datapoint::streamId, Datapoint::value)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("energy", 1000 + n)));
                }
                assertThat(onenet.record().uploads()).hasSize(DEVICES);
            }
        }
    }

    @Test
    void should_send_sub_device_points_by_pack_post_and_a_backlog_by_history_post_and_write_on_a_property_set()
            throws Exception {
        List<SubDevice> devices = List.of(SubDeviceGatewayTest.child(1), SubDeviceGatewayTest.child(2));
        int port = FreePort.onLoopback();
        try (ModbusField field = ModbusField.start(1, 8)) {
            field.holding(0, 100).holding(1, 200);
            Path devicesFile = Files.writeString(workDir.resolve("sub-devices.yaml"),
                    SubDeviceGatewayTest.devicesYaml(devices));
            Path points = Files.writeString(workDir.resolve("points.yaml"), """
                    sources:
                      - name: line-1
                        modbus-tcp: "%1$s"
                        poll: 100
                        product-id: %2$s
                        device-name: child-1
                        points:
                          - {name: flow, register: holding 0, report: always}
                          - {name: valve, register: holding 5, writable: true}
                      - name: line-2
                        modbus-tcp: "%1$s"
                        poll: 100
                        product-id: %2$s
                        device-name: child-2
                        points: [{name: flow, register: holding 1, report: always}]
                    """.formatted(field.address(), SubDeviceGatewayTest.PRODUCT));
            Map<String, String> properties = SubDeviceGatewayTest.properties(null, workDir, devicesFile);
            properties.put("onenet.broker-url", "tcp://127.0.0.1:" + port);
            properties.put("onenet.reconnect.max-delay", "1000");
            properties.put("onenet.points.file", points.toString());
            properties.put("onenet.points.state-file", workDir.resolve("last.json").toString());
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                // the platform away: readings wait in the buffer, then go out as history/post
                await().atMost(WAIT).until(() -> app.context().getRegistry().lookupByNameAndType("fieldSources",
                        io.camelonenet.field.FieldSources.class).status("line-2").reads() >= 10);
                try (OneNetEmulator onenet = SubDeviceGatewayTest.emulatorOf(devices).port(port).build().start()) {
                    await().atMost(WAIT).until(() -> posts(onenet, "history").size() >= 2
                            && !posts(onenet, "pack").isEmpty());
                    for (SubDevice device : devices) {
                        assertThat(posts(onenet, "history").stream().filter(p -> p.device().equals(device))
                                .flatMap(p -> p.points().stream()).filter(p -> p.streamId().equals("flow")).count())
                                .as("backlog of %s", device).isGreaterThanOrEqualTo(2);
                    }
                    assertThat(onenet.record().violations()).isEmpty();

                    String set = onenet.setSubDeviceProperties(SubDeviceGatewayTest.GATEWAY, devices.get(0),
                            Map.of("valve", "42"));
                    await().atMost(WAIT).until(() -> reply(onenet, set).isPresent());
                    assertThat(reply(onenet, set).orElseThrow().code()).isEqualTo(200);
                    assertThat(field.holding(5)).isEqualTo(42);

                    String refused = onenet.setSubDeviceProperties(SubDeviceGatewayTest.GATEWAY, devices.get(1),
                            Map.of("flow", 7));
                    await().atMost(WAIT).until(() -> reply(onenet, refused).isPresent());
                    assertThat(reply(onenet, refused).orElseThrow().code()).isEqualTo(400);
                }
            }
        }
    }

    private static List<Integer> range() {
        return IntStream.rangeClosed(1, DEVICES).boxed().toList();
    }

    private static List<UploadedDatapoints> uploads(OneNetEmulator onenet, int n) {
        return onenet.record().uploads().stream().filter(u -> u.deviceId().equals(GatewayRoutesTest.id(n))).toList();
    }

    private static List<SubDevicePost> posts(OneNetEmulator onenet, String kind) {
        return onenet.record().subDevicePosts().stream().filter(post -> post.kind().equals(kind)
                && post.accepted()).toList();
    }

    private static Optional<ThingReply> reply(OneNetEmulator onenet, String id) {
        return onenet.record().thingReplies().stream().filter(reply -> reply.id().equals(id)).findFirst();
    }
}
