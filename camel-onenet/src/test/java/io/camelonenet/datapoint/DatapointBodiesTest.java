package io.camelonenet.datapoint;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatapointBodiesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final OneNetTime time = new OneNetTime(OneNetTime.DEFAULT_ZONE);

    @Test
    void should_stamp_every_value_of_a_map_with_one_time() {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("temperature", 22.5);
        reading.put("seq", 7L);

        List<Datapoint> points = DatapointBodies.toDatapoints(reading, NOW, time);

        assertThat(points).containsExactly(Datapoint.of("temperature", NOW, 22.5), Datapoint.of("seq", NOW, 7L));
    }

    @Test
    void should_keep_each_points_own_time_in_a_list() {
        List<Object> body = List.of(
                Map.of("id", "t", "value", 1, "at", "2026-01-01T08:00:05"),
                Map.of("stream", "t", "value", 2, "at", LocalDateTime.of(2026, 1, 1, 8, 0, 10)),
                Map.of("id", "t", "value", 3, "at", 1767225615000L),
                Datapoint.of("h", null, 4));

        List<Datapoint> points = DatapointBodies.toDatapoints(body, NOW, time);

        assertThat(points).extracting(Datapoint::at).containsExactly(
                Instant.parse("2026-01-01T00:00:05Z"), Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:15Z"), null);
    }

    @Test
    void should_say_what_is_wrong_with_a_body_it_cannot_use() {
        assertThatThrownBy(() -> DatapointBodies.toDatapoints("22.5", NOW, time))
                .isInstanceOf(InvalidDatapointException.class)
                .hasMessageContaining("java.lang.String is neither a map of datastream id to value nor a list");
        assertThatThrownBy(() -> DatapointBodies.toDatapoints(List.of(Map.of("id", "t")), NOW, time))
                .hasMessage("datapoint 0 has no \"value\"");
        assertThatThrownBy(() -> DatapointBodies.toDatapoints(List.of(Map.of("id", "t", "value", 1, "at", "yesterday")),
                NOW, time)).hasMessage("time 'yesterday' is not yyyy-MM-dd'T'HH:mm:ss");
    }
}
