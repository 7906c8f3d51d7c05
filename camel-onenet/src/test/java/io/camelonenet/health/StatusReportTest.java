package io.camelonenet.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.gateway.GatewayStatus;
import io.camelonenet.route.DeadLetters;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status document behind the status page: a gateway of 10,000 devices paged and filtered on the server, the
 * buffer, dead letters and commands, the single device's connection, and no secret in any of it.
 */
class StatusReportTest {

    private static final int DEVICES = 10_000;
    private static final String SECRET = "version=2018-10-31&res=products%2Fp%2Fdevices%2Fd&et=1&method=sha1&sign=s3cret";

    @TempDir
    Path dir;
    private final CamelContext context = new DefaultCamelContext();
    private SqliteUplinkBuffer buffer;

    @AfterEach
    void close() throws Exception {
        if (buffer != null) {
            buffer.close();
        }
        context.close();
    }

    @Test
    void a_gateway_of_10000_devices_is_paged_and_filtered_on_the_server() throws Exception {
        GatewayCounters counters = gateway();

        JsonNode last = report(Map.of("offset", "9950", "limit", "100"));
        JsonNode devices = last.get("devices");
        assertThat(devices.get("total").asInt()).isEqualTo(DEVICES);
        assertThat(devices.get("matched").asInt()).isEqualTo(DEVICES);
        assertThat(devices.get("online").asInt()).isEqualTo(DEVICES / 2);
        assertThat(devices.get("refused").asInt()).isEqualTo(1);
        assertThat(devices.get("items")).hasSize(50);
        assertThat(devices.get("items").get(0).get("id").asText()).isEqualTo("device-9951");
        assertThat(devices.get("items").get(49).get("id").asText()).isEqualTo("device-10000");

        // at most 500 a page, however many are asked for; nonsense is brought into range
        assertThat(report(Map.of("limit", "100000")).get("devices").get("items")).hasSize(StatusQuery.MAX_LIMIT);
        JsonNode nonsense = report(Map.of("offset", "-3", "limit", "many", "state", "<b>")).get("devices");
        assertThat(nonsense.get("offset").asInt()).isZero();
        assertThat(nonsense.get("items")).hasSize(StatusQuery.DEFAULT_LIMIT);

        // device-99, device-990 to 999, device-9900 to 9999
        JsonNode filtered = report(Map.of("q", "DEVICE-99")).get("devices");
        assertThat(filtered.get("matched").asInt()).isEqualTo(111);
        JsonNode refused = report(Map.of("state", "refused")).get("devices");
        assertThat(refused.get("matched").asInt()).isEqualTo(1);
        assertThat(refused.get("items").get(0).get("id").asText()).isEqualTo("device-77");
        assertThat(refused.get("items").get(0).get("problem").asText()).isEqualTo("code 401, key refused");
        assertThat(report(Map.of("state", "offline")).get("devices").get("matched").asInt())
                .isEqualTo(DEVICES / 2 - 1);

        // the page's devices get their buffer count and last reading
        JsonNode first = report(Map.of("q", "device-5", "limit", "1")).get("devices").get("items").get(0);
        assertThat(first.get("id").asText()).isEqualTo("device-5");
        assertThat(first.get("buffered").asInt()).isEqualTo(2);
        assertThat(first.get("lastReadingAt").asLong()).isPositive();
        assertThat(report(Map.of("q", "device-6", "limit", "1")).get("devices").get("items").get(0)
                .get("lastReadingAt").isNull()).isTrue();

        // the buffer, the dead letters and the commands
        JsonNode status = report(Map.of());
        assertThat(status.get("app").get("mode").asText()).isEqualTo("gateway");
        assertThat(status.get("buffer").get("depth").asInt()).isEqualTo(2);
        assertThat(status.get("buffer").get("oldestAgeMillis").asLong()).isNotNegative();
        assertThat(status.get("buffer").get("deadLettersWritten").asInt()).isZero();
        assertThat(status.get("commands").get("received").asInt()).isEqualTo(2);
        assertThat(status.get("commands").get("answered").asInt()).isEqualTo(1);
        JsonNode recent = status.get("commands").get("recent");
        assertThat(recent.get(0).get("device").asText()).isEqualTo("device-4");
        assertThat(recent.get(0).get("answeredAt").isNull()).isTrue();
        assertThat(recent.get(1).get("device").asText()).isEqualTo("device-3");
        assertThat(recent.get(1).get("answeredAt").asLong()).isPositive();
        assertThat(counters.find("device-6")).as("reading the status counts nothing").isNull();
    }

    @Test
    void a_single_device_shows_its_connection_without_its_password_or_user_info() throws Exception {
        DeviceConnection connection = new DeviceConnection(ConnectionSettings.of(
                "ssl://someone:hunter2@studio-mqtts.heclouds.com:8883", "sensor-1", "product-1",
                PasswordSource.fixed(SECRET)));
        try {
            context.getRegistry().bind("onenetConnection", connection);
            DeviceCounters counters = new DeviceCounters();
            context.getRegistry().bind("deviceCounters", counters);
            counters.commandReceived();
            String json = new StatusReport(context).json(StatusQuery.ALL);

            JsonNode status = JsonMappers.plain().readTree(json);
            assertThat(status.get("app").get("mode").asText()).isEqualTo("device");
            assertThat(status.get("connection").get("broker").asText())
                    .isEqualTo("ssl://studio-mqtts.heclouds.com:8883");
            assertThat(status.get("connection").get("state").asText()).isEqualTo("NEW");
            assertThat(status.get("connection").get("since").asLong()).isPositive();
            assertThat(status.get("devices").get("items").get(0).get("id").asText()).isEqualTo("sensor-1");
            assertThat(status.get("commands").get("recent").get(0).get("device").isNull()).isTrue();
            assertThat(json).doesNotContain("hunter2").doesNotContain("s3cret").doesNotContain("sign=");
        } finally {
            connection.close();
        }
    }

    @Test
    void the_last_commands_are_bounded_newest_first_and_a_refused_one_is_an_entry_of_its_own() {
        RecentCommands commands = new RecentCommands();
        IntStream.range(0, RecentCommands.KEPT + 5).forEach(i -> commands.received("d" + i));
        commands.answered("d24");
        commands.refused("d1");

        List<RecentCommands.Entry> entries = commands.newestFirst();
        assertThat(entries).hasSize(RecentCommands.KEPT);
        assertThat(entries.get(0).device()).isEqualTo("d1");
        assertThat(entries.get(0).refusedAt()).isPositive();
        assertThat(entries.get(1).device()).isEqualTo("d24");
        assertThat(entries.get(1).answeredAt()).isPositive();
        assertThat(entries.get(RecentCommands.KEPT - 1).device()).as("the oldest kept").isEqualTo("d6");
    }

    private JsonNode report(Map<String, String> parameters) throws Exception {
        return JsonMappers.plain().readTree(new StatusReport(context).json(parameters));
    }

    /** Every other device online, device-77 refused; two readings of device-5 wait, device-5 sent one. */
    private GatewayCounters gateway() throws Exception {
        List<String> ids = new ArrayList<>();
        IntStream.rangeClosed(1, DEVICES).forEach(i -> ids.add("device-" + i));
        GatewayStatus gateway = new GatewayStatus() {
            public int configured() {
                return ids.size();
            }

            public long online() {
                return ids.stream().filter(this::isConnected).count();
            }

            public List<String> deviceIds() {
                return ids;
            }

            public boolean isConnected(String deviceId) {
                return Integer.parseInt(deviceId.substring("device-".length())) % 2 == 0;
            }

            public List<String> refused() {
                return List.of("device-77");
            }

            public Map<String, String> problems() {
                return Map.of("device-77", "code 401, key refused");
            }

            public long commandsRefused() {
                return 0;
            }
        };
        buffer = new SqliteUplinkBuffer(dir.resolve("buffer"), 1 << 20, FullPolicy.DROP_OLDEST);
        buffer.append("device-5", "$dp", new byte[] {1});
        buffer.append("device-5", "$dp", new byte[] {2});
        GatewayCounters counters = new GatewayCounters();
        counters.published("device-5");
        counters.commandReceived("device-3");
        counters.commandAnswered("device-3");
        counters.commandReceived("device-4");
        context.getRegistry().bind("gatewayDevices", gateway);
        context.getRegistry().bind("gatewayCounters", counters);
        context.getRegistry().bind("uplinkBuffer", buffer);
        context.getRegistry().bind("deadLetters", new DeadLetters(dir.resolve("dead"), 1 << 20));
        return counters;
    }
}
