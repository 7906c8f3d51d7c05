package io.camelonenet.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway SIGKILLed while the readings of 100 devices wait in its buffer (the broker is away): after a
 * restart every device's readings arrive, each device's in the order they were taken, nothing lost.
 */
class GatewayCrashIT {

    private static final int DEVICES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void readings_of_100_devices_buffered_at_a_sigkill_arrive_after_the_restart_in_order() throws Exception {
        Path devicesFile = work.resolve("devices.yaml");
        Files.writeString(devicesFile, GatewayRoutesTest.devicesYaml(IntStream.rangeClosed(1, DEVICES).boxed().toList(),
                null));
        int port = FreePort.onLoopback();
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_DEVICES_FILE", devicesFile.toString());
        environment.put("ONENET_BROKER_URL", "tcp://127.0.0.1:" + port);
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_UPLINK_PERIOD", "300");
        environment.put("ONENET_BUFFER_DIR", work.resolve("buffer").toString());
        environment.put("ONENET_DOWNLINK_DIR", work.resolve("commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", work.resolve("dead-letter").toString());
        Path database = work.resolve("buffer").resolve("uplink.db");

        // no broker: every reading stays in the buffer
        Process app = PackagedApp.start(work.resolve("first.log"), environment);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(database)
                    && waitingPerDevice(database).values().stream().filter(n -> n >= 3).count() == DEVICES);
        } finally {
            app.destroyForcibly();
            app.waitFor(10, TimeUnit.SECONDS);
        }
        Map<String, List<Long>> buffered = bufferedSeqs(database);
        assertThat(buffered).hasSize(DEVICES);

        // the broker back, the app restarted: the first reading of the new run (seq 1) comes after the buffered ones
        environment.put("ONENET_UPLINK_PERIOD", "3600000");
        try (OneNetEmulator onenet = OneNetEmulator.builder().port(port).commandPeriod(Duration.ZERO)
                .devices(DevicesFile.legacy().read(devicesFile)).build().start()) {
            int management = FreePort.onLoopback();
            Process restarted = PackagedApp.start(work.resolve("second.log"), environment,
                    "-D" + PackagedApp.MANAGEMENT_PORT + "=" + management);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> buffered.entrySet().stream()
                        .allMatch(device -> seqsOf(onenet, device.getKey()).size() >= device.getValue().size() + 1));

                buffered.forEach((device, seqs) -> {
                    List<Long> expected = new ArrayList<>(seqs);
                    expected.add(1L);
                    assertThat(seqsOf(onenet, device)).as("readings of %s", device).isEqualTo(expected);
                });
                // health and metrics per device, over Camel's management server
                String base = "http://127.0.0.1:" + management + "/observe/";
                String device = GatewayRoutesTest.id(42);
                assertThat(get(base + "health/ready"))
                        .contains("\"name\":\"onenet-gateway\",\"status\":\"UP\",\"message\":\"100 of 100 devices online\"");
                assertThat(get(base + "metrics"))
                        .contains("onenet_readings_published_total{device=\"" + device + "\"")
                        .contains("onenet_buffer_acknowledged_total{device=\"" + device + "\"")
                        .contains("onenet_device_connected{device=\"" + device + "\"")
                        .contains("onenet_gateway_devices_online");
            } finally {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Long> seqsOf(OneNetEmulator onenet, String device) {
        return onenet.record().uploads().stream().filter(upload -> upload.deviceId().equals(device))
                .map(GatewayCrashIT::seq).toList();
    }

    private static long seq(UploadedDatapoints upload) {
        return upload.datapoints().stream().filter(point -> point.streamId().equals("seq"))
                .map(point -> Long.parseLong(point.value().toString())).findFirst().orElseThrow();
    }

    /** Read while the app writes: SQLite's write-ahead log lets a reader in. */
    private static Map<String, Long> waitingPerDevice(Path database) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT device, COUNT(*) FROM uplink GROUP BY device")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (java.sql.SQLException notYet) {
            return Map.of();
        }
        return counts;
    }

    /** Each device's buffered readings after the kill, in buffer order: the seq of each ($dp type 1: 3-byte header). */
    private static Map<String, List<Long>> bufferedSeqs(Path database) throws Exception {
        Map<String, List<Long>> seqs = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT device, payload FROM uplink ORDER BY id")) {
            while (rows.next()) {
                byte[] frame = rows.getBytes(2);
                JsonNode reading = JSON.readTree(java.util.Arrays.copyOfRange(frame, 3, frame.length));
                long seq = -1;
                for (JsonNode stream : reading.get("datastreams")) {
                    if (stream.get("id").asText().equals("seq")) {
                        seq = stream.get("datapoints").get(0).get("value").asLong();
                    }
                }
                seqs.computeIfAbsent(rows.getString(1), d -> new ArrayList<>()).add(seq);
            }
        }
        return seqs;
    }
}
