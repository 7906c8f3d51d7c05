package io.camelonenet.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.emulator.CommandReply;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.health.GatewayCounters;
import io.camelonenet.health.StatusReport;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bundled gateway routes (routes/gateway/legacy/) with 100 devices from a devices file against the emulator: each
 * device on its own connection with its own credentials, one of them with a wrong secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DEVICES = 100;
    /** Listed with a wrong auth info: the platform refuses it. */
    private static final String REFUSED = id(7);
    /** Accepted by the emulator but not in the app's file until the test adds it. */
    private static final String LATE = id(DEVICES + 1);

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static RunningApp app;
    private static Path devicesFile;

    @BeforeAll
    static void start() throws Exception {
        Path emulatorFile = workDir.resolve("emulator-devices.yaml");
        Files.writeString(emulatorFile, devicesYaml(IntStream.rangeClosed(1, DEVICES + 1).boxed().toList(), null));
        onenet = OneNetEmulator.builder().devices(DevicesFile.legacy().read(emulatorFile)).commandPeriod(Duration.ZERO)
                .build().start();
        devicesFile = workDir.resolve("devices.yaml");
        Files.writeString(devicesFile, devicesYaml(IntStream.rangeClosed(1, DEVICES).boxed().toList(), REFUSED));
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.devices.file", devicesFile.toString());
        properties.put("onenet.uplink.period", "500");
        properties.put("onenet.connect.rate", "500");
        properties.put("onenet.reconnect.max-delay", "2000");
        properties.put("onenet.devices.drain-timeout", "10000");
        app = RunningApp.start(properties, context -> { });
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (onenet != null) {
            onenet.close();
        }
    }

    @Test
    @Order(1)
    void every_device_delivers_in_order_on_its_own_connection_while_a_refused_one_retries() {
        List<String> accepted = IntStream.rangeClosed(1, DEVICES).mapToObj(GatewayRoutesTest::id)
                .filter(id -> !id.equals(REFUSED)).toList();
        await().atMost(WAIT).until(() -> accepted.stream().allMatch(id -> uploadsOf(id).size() >= 5));

        for (String id : accepted) {
            // logged in with its own id and secret (the emulator checks both), once: nothing reconnected meanwhile
            assertThat(onenet.record().logins(id)).as("logins of %s", id).hasSize(1);
            List<Long> seqs = uploadsOf(id).stream().map(GatewayRoutesTest::seq).toList();
            assertThat(seqs).as("readings of %s in order, none lost or repeated", id)
                    .isEqualTo(IntStream.rangeClosed(1, seqs.size()).mapToObj(i -> (long) i).toList());
        }
        // the refused device keeps trying with backoff and never holds up the others
        assertThat(onenet.record().logins(REFUSED)).isEmpty();
        await().atMost(WAIT).until(() -> onenet.record().connectCount(REFUSED) >= 3);
        assertThat(uploadsOf(REFUSED)).isEmpty();

        // published counts a PUBACK: read before what the broker recorded, never more than that; none for the
        // refused device, whose readings are taken and wait
        GatewayCounters counters = app.context().getRegistry().lookupByNameAndType("gatewayCounters",
                GatewayCounters.class);
        for (String id : accepted.subList(0, 5)) {
            long published = counters.of(id).snapshot().get("published");
            assertThat(published).as("published of %s", id).isBetween(1L, (long) uploadsOf(id).size());
        }
        await().atMost(WAIT).until(() -> counters.of(REFUSED).snapshot().get("produced") >= 3);
        assertThat(counters.of(REFUSED).snapshot().get("published")).as("published of the refused device").isZero();
    }

    @Test
    @Order(2)
    void a_command_to_device_k_lands_in_its_directory_and_is_answered_on_its_connection() throws IOException {
        String k = id(42);
        await().atMost(WAIT).until(() -> onenet.connected(k));
        String commandId = onenet.pushCommand(k, "{\"valve\":\"close\"}");

        await().atMost(WAIT).until(() -> replyTo(commandId).isPresent());

        CommandReply reply = replyTo(commandId).orElseThrow();
        assertThat(reply.deviceId()).isEqualTo(k);
        assertThat(reply.payloadAsText()).isEqualTo("ok");
        assertThat(workDir.resolve("commands").resolve(k).resolve(commandId + ".cmd"))
                .hasContent("{\"valve\":\"close\"}");
        try (var others = Files.list(workDir.resolve("commands"))) {
            assertThat(others.map(p -> p.getFileName().toString())).containsExactly(k);
        }
    }

    @Test
    @Order(3)
    void a_kicked_device_reconnects_alone() {
        String kicked = id(13);
        Map<String, Integer> loginsBefore = loginCounts();
        assertThat(onenet.kick(kicked)).isTrue();

        await().atMost(WAIT).until(() -> onenet.record().logins(kicked).size() == loginsBefore.get(kicked) + 1);
        int uploadsAfterReconnect = uploadsOf(kicked).size();
        await().atMost(WAIT).until(() -> uploadsOf(kicked).size() > uploadsAfterReconnect);

        Map<String, Integer> loginsAfter = loginCounts();
        loginsAfter.remove(kicked);
        loginsBefore.remove(kicked);
        assertThat(loginsAfter).isEqualTo(loginsBefore);
        // in order and complete; at least once: a reading whose PUBACK the kick cut off goes again (at most the
        // forwarder's window of 10), as it must, since the device cannot know whether the platform had it
        List<Long> seqs = uploadsOf(kicked).stream().map(GatewayRoutesTest::seq).toList();
        List<Long> firstSeen = seqs.stream().distinct().toList();
        assertThat(firstSeen).isEqualTo(IntStream.rangeClosed(1, firstSeen.size()).mapToObj(i -> (long) i).toList());
        assertThat(seqs.size() - firstSeen.size()).isLessThanOrEqualTo(10);
    }

    @Test
    @Order(4)
    void readiness_says_how_many_devices_are_online_and_which_are_refused() {
        await().atMost(WAIT).untilAsserted(() -> {
            HealthCheck.Result gateway = app.check("onenet-gateway");
            assertThat(gateway.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(gateway.getDetails()).containsEntry("configured", DEVICES).containsEntry("online", 99L)
                    .containsEntry("refusedCount", 1).containsEntry("refused", REFUSED);
        });
    }

    @Test
    @Order(4)
    void the_status_page_names_the_refused_device_with_its_reason_and_the_command_answered() throws Exception {
        StatusReport status = app.context().getRegistry().lookupByNameAndType("onenetStatus", StatusReport.class);
        JsonNode refused = JsonMappers.plain().readTree(status.json(Map.of("state", "refused"))).get("devices");
        assertThat(refused.get("kind").asText()).isEqualTo("devices");
        assertThat(refused.get("total").asInt()).isEqualTo(DEVICES);
        assertThat(refused.get("items")).hasSize(1);
        assertThat(refused.get("items").get(0).get("id").asText()).isEqualTo(REFUSED);
        assertThat(refused.get("items").get(0).get("problem").asText()).contains("bad user name or password");
        JsonNode all = JsonMappers.plain().readTree(status.json(Map.of()));
        assertThat(all.get("connection").get("perDevice").asBoolean()).isTrue();
        assertThat(all.get("commands").get("recent")).anySatisfy(command -> {
            assertThat(command.get("device").asText()).isEqualTo(id(42));
            assertThat(command.get("answeredAt").asLong()).isPositive();
        });
    }

    @Test
    @Order(5)
    void a_device_added_to_the_file_connects_and_delivers_and_a_removed_one_disconnects() throws IOException {
        String removed = id(99);
        assertThat(onenet.connected(removed)).isTrue();
        List<Integer> devices = IntStream.rangeClosed(1, DEVICES + 1).filter(i -> i != 99).boxed().toList();

        Files.writeString(devicesFile, devicesYaml(devices, REFUSED));

        await().atMost(WAIT).until(() -> uploadsOf(LATE).size() >= 2);
        await().atMost(WAIT).until(() -> !onenet.connected(removed));
        GatewayConnections connections = app.context().getRegistry()
                .lookupByNameAndType("onenetGateway", GatewayConnections.class);
        assertThat(connections.isConnected(removed)).isFalse();
        assertThat(onenet.record().logins(LATE)).hasSize(1);
    }

    @Test
    @Order(6)
    void a_broken_file_is_refused_and_the_devices_keep_running() throws IOException {
        String any = id(3);
        Files.writeString(devicesFile, "devices:\n  - device-id: \"1\"\n    product-id: \"20001\"\n");
        int before = uploadsOf(any).size();

        await().atMost(WAIT).until(() -> uploadsOf(any).size() > before + 4);
        assertThat(onenet.connected(any)).isTrue();
        assertThat(onenet.connected(LATE)).isTrue();
    }

    private static Map<String, Integer> loginCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 1; i <= DEVICES; i++) {
            counts.put(id(i), onenet.record().logins(id(i)).size());
        }
        return counts;
    }

    private static List<UploadedDatapoints> uploadsOf(String deviceId) {
        return onenet.record().uploads().stream().filter(upload -> upload.deviceId().equals(deviceId)).toList();
    }

    private static Optional<CommandReply> replyTo(String commandId) {
        return onenet.record().replies().stream().filter(reply -> reply.commandId().equals(commandId)).findFirst();
    }

    private static long seq(UploadedDatapoints upload) {
        return upload.datapoints().stream().filter(point -> point.streamId().equals("seq")).map(Datapoint::value)
                .map(value -> Long.parseLong(value.toString())).findFirst().orElseThrow();
    }

    static String id(int number) {
        return String.valueOf(30_000_000 + number);
    }

    /** The devices file; {@code wrong} (if any) is listed with a wrong secret. */
    static String devicesYaml(List<Integer> numbers, String wrong) {
        return "devices:\n" + numbers.stream().map(n -> "  - device-id: \"" + id(n) + "\"\n"
                + "    product-id: \"20001\"\n"
                + "    auth-info: \"" + (id(n).equals(wrong) ? "wrong-secret" : "secret-" + n) + "\"\n")
                .collect(Collectors.joining());
    }
}
