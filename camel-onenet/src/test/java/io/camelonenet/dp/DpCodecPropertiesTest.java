package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type survives a round trip: what is encoded decodes to the same message (or re-encodes to the same bytes). */
class DpCodecPropertiesTest {

    private final DpCodec codec = new DpCodec();

    @Property(tries = 300)
    void full_json_round_trips(@ForAll("points") List<Datapoint> points) {
        byte[] frame = codec.encode(new FullJsonMessage(points));

        DpMessage decoded = codec.decode(frame);

        // JSON numbers may come back as another Java number type: the bytes are the contract
        assertThat(codec.encode(decoded)).isEqualTo(frame);
        assertThat(decoded.datapoints()).extracting(Datapoint::streamId)
                .containsExactlyInAnyOrderElementsOf(points.stream().map(Datapoint::streamId).toList());
    }

    @Property(tries = 200)
    void binary_round_trips(@ForAll("streamIds") String stream, @ForAll("times") Instant at,
                            @ForAll byte[] data, @ForAll("texts") String description) {
        BinaryMessage message = new BinaryMessage(stream, at, description, BinaryData.of(data));

        BinaryMessage decoded = (BinaryMessage) codec.decode(codec.encode(message));

        assertThat(decoded).isEqualTo(message);
    }

    @Property(tries = 300)
    void simple_json_round_trips(@ForAll("valueMaps") Map<String, Object> values) {
        byte[] frame = codec.encode(new SimpleJsonMessage(values));

        assertThat(codec.encode(codec.decode(frame))).isEqualTo(frame);
        assertThat(((SimpleJsonMessage) codec.decode(frame)).values()).containsOnlyKeys(values.keySet());
    }

    @Property(tries = 300)
    void timed_json_round_trips(@ForAll("timedPoints") List<Datapoint> points) {
        byte[] frame = codec.encode(new TimedJsonMessage(points));

        DpMessage decoded = codec.decode(frame);

        assertThat(codec.encode(decoded)).isEqualTo(frame);
        assertThat(decoded.datapoints()).extracting(Datapoint::at)
                .containsExactlyInAnyOrderElementsOf(points.stream().map(Datapoint::at).toList());
    }

    @Property(tries = 300)
    void delimited_round_trips(@ForAll("separators") char[] separators, @ForAll("fields") List<DelimitedField> fields) {
        DelimitedMessage message = new DelimitedMessage(separators[0], separators[1], fields);

        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @Property(tries = 300)
    void delimited_with_time_round_trips(@ForAll("separators") char[] separators,
                                         @ForAll("optionalTimes") Instant defaultTime,
                                         @ForAll("fields") List<DelimitedField> fields) {
        DelimitedWithTimeMessage message = new DelimitedWithTimeMessage(separators[0], separators[1], defaultTime,
                fields);

        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @Property(tries = 300)
    void float_groups_round_trip(@ForAll("optionalTimes") Instant at, @ForAll("floatGroups") List<FloatGroup> groups) {
        FloatGroupsMessage message = new FloatGroupsMessage(at, groups);

        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    // ------------------------------------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> streamIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '0', '9').ofMinLength(1).ofMaxLength(24),
                Arbitraries.of("温度", "湿度", "pm2.5", "电量_1"));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(text -> !text.isBlank() && text.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    }

    @Provide
    Arbitrary<Instant> times() {
        // whole seconds within the years a six-byte time can carry
        return Arbitraries.longs().between(946_656_000L, 4_102_415_999L - 8 * 3600).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Instant> optionalTimes() {
        return times().injectNull(0.3);
    }

    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().filter(Double::isFinite).map(Object.class::cast),
                texts().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast));
    }

    @Provide
    Arbitrary<List<Datapoint>> points() {
        return Combinators.combine(streamIds(), times().injectNull(0.3), values()).as(Datapoint::new)
                .list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Datapoint>> timedPoints() {
        return Combinators.combine(streamIds(), times(), values()).as(Datapoint::new)
                .list().ofMinSize(1).ofMaxSize(20)
                .uniqueElements(point -> point.streamId() + "@" + point.at().getEpochSecond());
    }

    @Provide
    Arbitrary<Map<String, Object>> valueMaps() {
        return Arbitraries.maps(streamIds(), values()).ofMinSize(1).ofMaxSize(20).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<char[]> separators() {
        // symbols that never occur in a T-style time or in the generated ids and values
        return Arbitraries.of(',', ';', '#', '@', '|', '!', '&', '*', '=', '~').list().ofSize(2).uniqueElements()
                .map(pair -> new char[] {pair.get(0), pair.get(1)});
    }

    @Provide
    Arbitrary<List<DelimitedField>> fields() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '0', '5', '9')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<DelimitedField> field = Arbitraries.oneOf(
                part.map(DelimitedField::valueOnly),
                Combinators.combine(part, part).as(DelimitedField::of),
                Combinators.combine(part, times(), part).as(DelimitedField::new));
        return field.list().ofMinSize(1).ofMaxSize(15);
    }

    @Provide
    Arbitrary<List<FloatGroup>> floatGroups() {
        Arbitrary<float[]> floats = Arbitraries.floats().filter(Float::isFinite).list().ofMinSize(1).ofMaxSize(30)
                .map(list -> {
                    float[] values = new float[list.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = list.get(i);
                    }
                    return values;
                });
        return Combinators.combine(Arbitraries.integers().between(1, 65535), floats).as(FloatGroup::new)
                .list().ofMinSize(1).ofMaxSize(20).map(ArrayList::new);
    }
}
