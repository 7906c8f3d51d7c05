package io.camelonenet.datapoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatapointJsonWriterTest {

    private static final Instant AT = Instant.parse("2016-08-15T06:47:00Z");
    private final ObjectMapper mapper = new ObjectMapper();
    private final DatapointJsonWriter shanghai = new DatapointJsonWriter(mapper, new OneNetTime(OneNetTime.DEFAULT_ZONE));

    @Test
    void should_write_onenet_full_json_with_beijing_time() {
        byte[] json = shanghai.write(List.of(Datapoint.of("wendu", AT, 55)));

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"datastreams\":[{\"id\":\"wendu\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":55}]}]}");
    }

    @Test
    void should_write_times_in_the_configured_zone() {
        DatapointJsonWriter utc = new DatapointJsonWriter(mapper, new OneNetTime(ZoneId.of("UTC")));

        assertThat(new String(utc.write(List.of(Datapoint.of("t", AT, 1))), StandardCharsets.UTF_8))
                .contains("\"at\":\"2016-08-15T06:47:00\"");
    }

    @Test
    void should_group_points_by_stream_in_first_seen_order() {
        List<Datapoint> points = List.of(
                Datapoint.of("temperature", AT, 22.5),
                Datapoint.of("humidity", AT, "95.2%"),
                Datapoint.of("temperature", AT.plusSeconds(60), 22.7),
                Datapoint.of("location", null, Map.of("lon", 106)));

        String json = new String(shanghai.write(points), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"datastreams\":["
                + "{\"id\":\"temperature\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":22.5},"
                + "{\"at\":\"2016-08-15T14:48:00\",\"value\":22.7}]},"
                + "{\"id\":\"humidity\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":\"95.2%\"}]},"
                + "{\"id\":\"location\",\"datapoints\":[{\"value\":{\"lon\":106}}]}]}");
    }

    @Test
    void should_round_trip_through_the_reader() {
        List<Datapoint> points = List.of(Datapoint.of("a", AT, 1.5), Datapoint.of("b", AT, "x"));
        DatapointJsonReader reader = new DatapointJsonReader(mapper, new OneNetTime(OneNetTime.DEFAULT_ZONE));

        List<Datapoint> read = reader.read(new String(shanghai.write(points), StandardCharsets.UTF_8));

        assertThat(read).extracting(Datapoint::streamId).containsExactly("a", "b");
        assertThat(read).extracting(Datapoint::at).containsOnly(AT);
        assertThat(read).extracting(Datapoint::value).containsExactly(1.5, "x");
    }

    @Test
    void should_name_a_null_or_empty_stream_id() {
        assertThatThrownBy(() -> shanghai.write(List.of(Datapoint.of("ok", AT, 1), Datapoint.of(null, AT, 2))))
                .isInstanceOf(InvalidDatapointException.class)
                .hasMessage("datapoint 1 has a null datastream id");
        assertThatThrownBy(() -> shanghai.write(List.of(Datapoint.of(" ", AT, 2))))
                .hasMessage("datapoint 0 has an empty datastream id");
    }

    @Test
    void should_name_the_stream_whose_value_jackson_cannot_write() {
        assertThatThrownBy(() -> shanghai.write(List.of(Datapoint.of("blob", AT, new Object()))))
                .isInstanceOf(InvalidDatapointException.class)
                .hasMessageStartingWith("value of datastream 'blob' (a java.lang.Object) cannot be written as JSON: ");
    }

    @Test
    void should_refuse_null_and_non_finite_values() {
        assertThatThrownBy(() -> shanghai.write(List.of(Datapoint.of("t", AT, null))))
                .hasMessage("value of datastream 't' is null");
        assertThatThrownBy(() -> shanghai.write(List.of(Datapoint.of("t", AT, Double.NaN))))
                .hasMessage("value of datastream 't' is NaN; OneNET needs a finite number");
    }

    @Test
    void should_refuse_an_empty_reading() {
        assertThatThrownBy(() -> shanghai.write(List.of())).isInstanceOf(InvalidDatapointException.class);
    }

    @Test
    void should_write_large_bodies_without_truncating_them() {
        char[] text = new char[70_000];
        Arrays.fill(text, 'x');
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("log", new String(text));

        byte[] json = shanghai.write(DatapointBodies.toDatapoints(big, AT, new OneNetTime(OneNetTime.DEFAULT_ZONE)));

        assertThat(json.length).isGreaterThan(70_000);
    }
}
