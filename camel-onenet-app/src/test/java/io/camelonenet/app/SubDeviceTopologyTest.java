package io.camelonenet.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.ThingReply;
import io.camelonenet.gateway.SubDeviceGateway;
import io.camelonenet.studio.SubDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY;
import static io.camelonenet.app.SubDeviceGatewayTest.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A current-platform gateway against a platform at its limits: a topology of 1,500 sub-devices with 64-character names
 * (a topo/get reply of about 160 KB, over the 131 KB a command needs), an entry that names no sub-device, and the
 * rule that each sub-device logs in once per session of the gateway's connection.
 */
class SubDeviceTopologyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<SubDevice> LISTED = IntStream.rangeClosed(1, 3).mapToObj(SubDeviceTopologyTest::longName)
            .toList();

    @TempDir
    Path workDir;
    private final Logger gatewayLog = (Logger) LoggerFactory.getLogger(SubDeviceGateway.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @AfterEach
    void release() {
        gatewayLog.detachAppender(lines);
    }

    @Test
    void a_topology_of_1500_long_names_is_read_and_each_sub_device_logs_in_once_per_session() throws Exception {
        try (OneNetEmulator onenet = SubDeviceGatewayTest.emulatorOf(LISTED).build().start();
             RunningApp app = gatewayOnline(onenet)) {
            assertThat(LISTED).as("logins in the first session").allSatisfy(device ->
                    assertThat(onenet.record().subDeviceLogins(device)).isEqualTo(1));

            // the console binds 1,500 sub-devices: a topo/change of about 160 KB, then a topo/get reply as big
            List<SubDevice> topology = new ArrayList<>(LISTED);
            IntStream.rangeClosed(4, 1500).mapToObj(SubDeviceTopologyTest::longName).forEach(topology::add);
            String change = onenet.changeTopology(GATEWAY, topology);
            await().atMost(WAIT).until(() -> reply(onenet, change) != null);
            assertThat(reply(onenet, change).code()).isEqualTo(200);
            assertThat(onenet.kick(GATEWAY)).isTrue();

            await().atMost(WAIT).until(() -> LISTED.stream().allMatch(d -> onenet.record().subDeviceLogins(d) == 2
                    && onenet.subDeviceOnline(GATEWAY, d)));
            await().atMost(WAIT).until(() -> logged("the platform has 1500 sub-devices bound (1497 not in the "
                    + "devices file"));
            assertThat(onenet.record().logins(GATEWAY)).as("the gateway's logins: no disconnect for the size")
                    .hasSize(2);
            assertThat(LISTED).as("logins in the second session").allSatisfy(device ->
                    assertThat(onenet.record().subDeviceLogins(device)).isEqualTo(2));
        }
    }

    @Test
    void an_entry_that_names_no_sub_device_is_skipped_and_named_and_the_others_apply() throws Exception {
        try (OneNetEmulator onenet = SubDeviceGatewayTest.emulatorOf(LISTED).build().start();
             RunningApp app = gatewayOnline(onenet)) {
            // the platform's full list with a null name first and a forged line in another
            StringBuilder list = new StringBuilder("{\"deviceName\":null,\"productID\":\"" + PRODUCT + "\"},"
                    + "{\"deviceName\":\"x\\nFORGED\",\"productID\":\"" + PRODUCT + "\"}");
            LISTED.forEach(d -> list.append(",{\"deviceName\":\"").append(d.deviceName())
                    .append("\",\"productID\":\"").append(d.productId()).append("\"}"));
            onenet.pushOnStudioTopic(GATEWAY, "thing/sub/topo/change", ("{\"id\":\"4242\",\"version\":\"1.0\","
                    + "\"params\":{\"subList\":[" + list + "]}}").getBytes(StandardCharsets.UTF_8));

            await().atMost(WAIT).until(() -> reply(onenet, "4242") != null);
            assertThat(reply(onenet, "4242").code()).isEqualTo(200);
            await().atMost(WAIT).until(() -> logged("2 entries of the topo/change skipped, the other 3 applied: "
                    + "entry 1 (deviceName missing, null, empty or not text), entry 2 (deviceName missing"));
            assertThat(lines.list).noneMatch(line -> line.getFormattedMessage().contains("\n"));
            assertThat(LISTED).allSatisfy(d -> assertThat(onenet.subDeviceOnline(GATEWAY, d)).isTrue());
        }
    }

    /** The gateway of the listed sub-devices, started with its log captured, once they are all online. */
    private RunningApp gatewayOnline(OneNetEmulator onenet) throws Exception {
        lines.start();
        gatewayLog.addAppender(lines);
        Path file = Files.writeString(workDir.resolve("sub-devices.yaml"), SubDeviceGatewayTest.devicesYaml(LISTED));
        RunningApp app = RunningApp.start(SubDeviceGatewayTest.properties(onenet, workDir, file), context -> { });
        await().atMost(WAIT).until(() -> LISTED.stream().allMatch(d -> onenet.subDeviceOnline(GATEWAY, d)));
        return app;
    }

    /** A sub-device with a name of the platform's longest, 64 characters. */
    private static SubDevice longName(int i) {
        String name = "meter-" + i + "-";
        return new SubDevice(PRODUCT, name + "x".repeat(64 - name.length()));
    }

    private boolean logged(String text) {
        return lines.list.stream().anyMatch(line -> line.getFormattedMessage().contains(text));
    }

    private static ThingReply reply(OneNetEmulator onenet, String id) {
        return onenet.record().thingReplies().stream().filter(reply -> reply.id().equals(id)).findFirst().orElse(null);
    }
}
