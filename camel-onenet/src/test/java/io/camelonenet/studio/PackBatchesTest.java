package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.JsonMappers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches of sub-device readings within the platform's limits (docs/protocol-notes.md, Sub-devices). */
class PackBatchesTest {

    @Test
    void one_reading_per_device_goes_as_pack_post_with_at_most_ten_devices() throws Exception {
        List<List<PackBatches.Reading>> waiting = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            waiting.add(readings(d, 1, 2));
        }

        PackBatches.Batch batch = PackBatches.next("1", waiting);

        assertThat(batch.kind()).isEqualTo("pack");
        assertThat(batch.lastIdByDevice()).hasSize(10);
        JsonNode params = JsonMappers.plain().readTree(batch.payload()).get("params");
        assertThat(params).hasSize(10);
        assertThat(params.get(0).get("identity").toString()).isEqualTo("{\"productID\":\"p\",\"deviceName\":\"d0\"}");
        assertThat(params.get(0).get("properties").get("v0").get("value").asInt()).isEqualTo(0);
        assertThat(params.get(0).get("properties").get("v0").get("time").asLong()).isEqualTo(1000);
    }

    @Test
    void a_backlog_goes_as_history_post_whole_readings_in_order_at_most_100_values_a_device() throws Exception {
        // 3 properties a reading: 33 readings (99 values) fit, the 34th waits
        List<List<PackBatches.Reading>> waiting = List.of(readings(0, 50, 3), readings(1, 1, 3));

        PackBatches.Batch batch = PackBatches.next("2", waiting);

        assertThat(batch.kind()).isEqualTo("history");
        assertThat(batch.lastIdByDevice()).containsEntry(new SubDevice("p", "d0"), 33L)
                .containsEntry(new SubDevice("p", "d1"), 1001L);
        JsonNode first = JsonMappers.plain().readTree(batch.payload()).get("params").get(0).get("properties");
        assertThat(first.get("v0")).hasSize(33);
        List<Long> times = new ArrayList<>();
        first.get("v0").forEach(point -> times.add(point.get("time").asLong()));
        assertThat(times).isSorted().hasSize(33);
        assertThat(batch.readings()).isEqualTo(34);
    }

    @Test
    void events_go_beside_properties_and_count_in_the_limits() throws Exception {
        PackBatches.Reading properties = new PackBatches.Reading(1, new SubDevice("p", "d0"), Map.of("t", 21), 1000);
        PackBatches.Reading event = new PackBatches.Reading(2, new SubDevice("p", "d0"), Map.of(),
                Map.of("overheat", Map.of("t", 90)), 2000);
        PackBatches.Reading eventOnly = new PackBatches.Reading(3, new SubDevice("p", "d1"), Map.of(),
                Map.of("alarm", Map.of("code", 7)), 3000);

        PackBatches.Batch pack = PackBatches.next("5", List.of(List.of(eventOnly)));
        PackBatches.Batch history = PackBatches.next("6", List.of(List.of(properties, event)));

        JsonNode packed = JsonMappers.plain().readTree(pack.payload()).get("params").get(0);
        assertThat(packed.has("properties")).as("only what the entry has").isFalse();
        assertThat(packed.get("events").toString()).isEqualTo("{\"alarm\":{\"value\":{\"code\":7},\"time\":3000}}");
        JsonNode entry = JsonMappers.plain().readTree(history.payload()).get("params").get(0);
        assertThat(history.kind()).isEqualTo("history");
        assertThat(entry.get("properties").get("t").get(0).get("time").asLong()).isEqualTo(1000);
        assertThat(entry.get("events").get("overheat").get(0).get("value").get("t").asInt()).isEqualTo(90);
        assertThat(history.readings()).isEqualTo(2);

        // 60 readings of a property and an event each: 50 fit in the 100 values of a device
        List<PackBatches.Reading> both = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            both.add(new PackBatches.Reading(i, new SubDevice("p", "d0"), Map.of("t", i), Map.of("tick", i), i));
        }
        assertThat(PackBatches.next("7", List.of(both)).readings()).isEqualTo(50);
    }

    @Test
    void the_gateways_own_reading_goes_without_an_identity() throws Exception {
        PackBatches.Reading own = new PackBatches.Reading(5, null, Map.of("uptime", 12), 1000);

        PackBatches.Batch batch = PackBatches.next("4", List.of(List.of(own), readings(1, 1, 1)));

        JsonNode params = JsonMappers.plain().readTree(batch.payload()).get("params");
        assertThat(params.get(0).has("identity")).isFalse();
        assertThat(params.get(0).get("properties").get("uptime").get("value").asInt()).isEqualTo(12);
        assertThat(params.get(1).has("identity")).isTrue();
        assertThat(batch.lastIdByDevice()).containsEntry(null, 5L);
    }

    @Test
    void nothing_waiting_is_no_message() {
        assertThat(PackBatches.next("3", List.of(List.of(), List.of()))).isNull();
    }

    /** {@code count} readings of device {@code d}, ids from d*1000+1, each with {@code properties} values. */
    private static List<PackBatches.Reading> readings(int d, int count, int properties) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int p = 0; p < properties; p++) {
                values.put("v" + p, d + p);
            }
            return new PackBatches.Reading(d * 1000L + i, new SubDevice("p", "d" + d), values, i * 1000L);
        }).toList();
    }
}
