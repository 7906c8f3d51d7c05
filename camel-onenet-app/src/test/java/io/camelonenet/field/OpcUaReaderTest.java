package io.camelonenet.field;

import io.camelonenet.emulator.OpcUaField;
import io.camelonenet.field.opcua.OpcUaReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An OPC UA source against a real OPC UA server (Eclipse Milo's): values arrive by subscription, changes follow,
 * writes reach the node, an unknown node fails its point only, and a restarted server is subscribed again.
 */
class OpcUaReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void should_deliver_the_servers_values_and_changes_by_subscription_and_write_a_node() throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("Pressure", 1.5);
        variables.put("Count", 7);
        variables.put("Running", true);
        try (OpcUaField server = OpcUaField.start(variables);
             OpcUaReader reader = new OpcUaReader(source(server, List.of(
                     point("pressure", server.node("Pressure"), 10, 0),
                     point("count", server.node("Count"), 1, 0),
                     point("running", server.node("Running"), 1, 0),
                     point("missing", "ns=7;s=Nowhere", 1, 0))))) {
            await().atMost(WAIT).until(() -> reader.read().values().size() == 3);
            PollResult first = reader.read();
            assertThat(first.values()).containsEntry("pressure", 15.0).containsEntry("count", 7L)
                    .containsEntry("running", true);
            assertThat(first.errors()).containsOnlyKeys("missing");
            assertThat(first.errors().get("missing")).contains("the server refused to monitor node ns=7;s=Nowhere");

            server.set("Count", 8);
            await().atMost(WAIT).until(() -> Long.valueOf(8).equals(reader.read().values().get("count")));

            reader.write(point("pressure", server.node("Pressure"), 10, 0), 31);
            assertThat(server.value("Pressure")).isEqualTo(3.1);
            assertThatThrownBy(() -> reader.write(point("count", server.node("Count"), 1, 0), 1e12))
                    .isInstanceOf(FieldWriteException.class).hasMessageContaining("beyond the range");
        }
    }

    @Test
    void should_fail_while_the_server_is_away_and_subscribe_again_once_it_is_back() throws Exception {
        try (OpcUaField server = OpcUaField.start(Map.of("Level", 1.0));
             OpcUaReader reader = new OpcUaReader(source(server, List.of(point("level", server.node("Level"), 1, 0))))) {
            await().atMost(WAIT).until(() -> Double.valueOf(1.0).equals(reader.read().values().get("level")));

            server.stop();
            await().atMost(WAIT).until(() -> {
                try {
                    reader.read();
                    return false;
                } catch (Exception away) {
                    reader.close();
                    return true;
                }
            });

            server.restart();
            server.set("Level", 2.0);
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> Double.valueOf(2.0).equals(reader.read().values().get("level")));
            server.set("Level", 3.0);
            await().atMost(WAIT).until(() -> Double.valueOf(3.0).equals(reader.read().values().get("level")));
        }
    }

    private static FieldSource source(OpcUaField server, List<FieldPoint> points) {
        return new FieldSource("line", new FieldLink.OpcUa(server.endpoint(), "None", null, null), 1, 100, 2000,
                SourceDevice.OWN, points);
    }

    private static FieldPoint point(String name, String node, double scale, double offset) {
        return new FieldPoint(name, null, 0, node, null, WordOrder.BIG, scale, offset, ReportMode.ON_CHANGE, 0, 0,
                true);
    }
}
