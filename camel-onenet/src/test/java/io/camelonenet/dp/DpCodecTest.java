package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.OneNetTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte-exact vectors from the protocol reference (docs/protocol-notes.md, `$dp` frames) and the limits of every type. */
class DpCodecTest {

    /** The original Python script's body, compact JSON (§2.4). */
    private static final String SCRIPT_BODY_COMPACT =
            "{\"datastreams\":[{\"id\":\"wendu\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":55}]}]}";
    /** The same body as Python's json.dumps writes it by default, with ", " and ": " separators. */
    private static final String SCRIPT_BODY_PYTHON =
            "{\"datastreams\": [{\"id\": \"wendu\", \"datapoints\": [{\"at\": \"2016-08-15T14:47:00\", \"value\": 55}]}]}";
    private static final Instant SPEC_TIME = beijing(2015, 3, 22, 22, 31, 12);

    private final DpCodec codec = new DpCodec();
    private final DpCodec specStyle = new DpCodec(DpCodecOptions.DEFAULTS.withTimeStyle(OneNetTime.Style.SPACE));

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- type 1

    @Test
    void should_frame_the_original_scripts_body_byte_for_byte() {
        byte[] json = SCRIPT_BODY_COMPACT.getBytes(StandardCharsets.UTF_8);

        byte[] frame = DpCodec.encodeFullJson(json);

        assertThat(hex(frame).substring(0, 6)).isEqualTo("010057");
        assertThat(frame).hasSize(3 + 87);
        assertThat(Arrays.copyOfRange(frame, 3, frame.length)).isEqualTo(json);
    }

    @Test
    void should_build_the_scripts_frame_from_datapoints() {
        byte[] frame = codec.encode(new FullJsonMessage(List.of(
                Datapoint.of("wendu", beijing(2016, 8, 15, 14, 47, 0), 55))));

        assertThat(frame).isEqualTo(DpCodec.encodeFullJson(SCRIPT_BODY_COMPACT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_frame_pythons_default_json_dumps_with_length_0x5E() {
        assertThat(hex(DpCodec.encodeFullJson(SCRIPT_BODY_PYTHON.getBytes(StandardCharsets.UTF_8))).substring(0, 6))
                .isEqualTo("01005e");
    }

    @Test
    void should_count_utf8_bytes_not_characters() {
        byte[] frame = codec.encode(new FullJsonMessage(List.of(Datapoint.of("温度", null, 1))));

        int length = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
        assertThat(length).isEqualTo(frame.length - 3);
        assertThat(((FullJsonMessage) codec.decode(frame)).datapoints().get(0).streamId()).isEqualTo("温度");
    }

    @Test
    void should_accept_exactly_65535_bytes_and_refuse_one_more() {
        byte[] largest = new byte[DpCodec.MAX_JSON_BYTES];
        Arrays.fill(largest, (byte) ' ');

        assertThat(DpCodec.encodeFullJson(largest)).hasSize(65538);
        assertThatThrownBy(() -> DpCodec.encodeFullJson(new byte[65536]))
                .isInstanceOf(DpFrameException.class)
                .hasMessage("type 1 JSON is 65536 bytes; the u16 length field allows at most 65535");
    }

    // ---------------------------------------------------------------- type 2

    @Test
    void should_match_the_reference_type_2_vector() {
        byte[] frame = codec.encode(new BinaryMessage("image", null, null,
                BinaryData.of(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF})));

        assertThat(hex(frame)).isEqualTo(spaced("02 00 11 7B 22 64 73 5F 69 64 22 3A 22 69 6D 61 67 65 22 7D"
                + " 00 00 00 04 DE AD BE EF"));
    }

    @Test
    void should_frame_a_binary_from_a_file_or_a_stream_like_from_an_array() throws Exception {
        byte[] image = new byte[300_000];
        new java.util.Random(7).nextBytes(image);
        Path file = Files.write(tmp.resolve("image.jpg"), image);
        Instant at = beijing(2026, 1, 2, 3, 4, 5);

        byte[] fromArray = codec.encode(new BinaryMessage("cam", at, Map.of("w", 640), BinaryData.of(image)));
        byte[] fromFile = codec.encode(new BinaryMessage("cam", at, Map.of("w", 640), BinaryData.of(file)));
        byte[] fromStream = codec.encode(new BinaryMessage("cam", at, Map.of("w", 640),
                BinaryData.of(new ByteArrayInputStream(image), image.length)));

        assertThat(fromFile).isEqualTo(fromArray);
        assertThat(fromStream).isEqualTo(fromArray);
        BinaryMessage decoded = (BinaryMessage) codec.decode(fromArray);
        assertThat(decoded.data().toBytes()).isEqualTo(image);
        assertThat(decoded.at()).isEqualTo(at);
        assertThat(decoded.description()).isEqualTo(Map.of("w", 640));
    }

    @Test
    void should_refuse_a_binary_over_3_mb_and_a_short_stream() {
        assertThatThrownBy(() -> codec.encode(new BinaryMessage("big", null, null,
                BinaryData.of(new byte[DpCodec.MAX_BINARY_BYTES + 1]))))
                .hasMessage("type 2 binary is 3145729 bytes; OneNET takes at most 3145728 (3 MB)");
        assertThatThrownBy(() -> codec.encode(new BinaryMessage("s", null, null,
                BinaryData.of(new ByteArrayInputStream(new byte[10]), 20))))
                .isInstanceOf(DpFrameException.class).hasMessageContaining("ended after 10 of 20 bytes");
    }

    @Test
    void should_fail_fast_on_a_binary_length_of_4_gb() {
        byte[] descriptor = "{\"ds_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] claim = new byte[3 + descriptor.length + 4];
        claim[0] = 2;
        claim[2] = (byte) descriptor.length;
        System.arraycopy(descriptor, 0, claim, 3, descriptor.length);
        Arrays.fill(claim, 3 + descriptor.length, claim.length, (byte) 0xFF);

        assertThatThrownBy(() -> codec.decode(claim))
                .isInstanceOf(DpFrameException.class)
                .hasMessage("type 2 binary length 4294967295 is over OneNET's limit of 3145728 bytes (3 MB)");
    }

    // ---------------------------------------------------------------- types 3 and 4

    @Test
    void should_match_the_reference_type_3_vector() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("temperature", 22.5);
        values.put("humidity", "95.2%");

        byte[] frame = codec.encode(new SimpleJsonMessage(values));

        assertThat(hex(frame)).isEqualTo(spaced("03 00 27 7B 22 74 65 6D 70 65 72 61 74 75 72 65 22 3A 32 32"
                + " 2E 35 2C 22 68 75 6D 69 64 69 74 79 22 3A 22 39 35 2E 32 25 22 7D"));
        assertThat(codec.decode(frame)).isEqualTo(new SimpleJsonMessage(values));
    }

    @Test
    void should_match_the_reference_type_4_vector_with_the_specs_time_style() {
        byte[] frame = specStyle.encode(new TimedJsonMessage(List.of(Datapoint.of("temperature", SPEC_TIME, 22.5))));

        assertThat(hex(frame)).isEqualTo(spaced("04 00 2C 7B 22 74 65 6D 70 65 72 61 74 75 72 65 22 3A 7B 22 32"
                + " 30 31 35 2D 30 33 2D 32 32 20 32 32 3A 33 31 3A 31 32 22 3A 32 32 2E 35 7D 7D"));
        // the default codec writes the T form and reads both
        assertThat(codec.decode(frame).datapoints()).containsExactly(Datapoint.of("temperature", SPEC_TIME, 22.5));
    }

    @Test
    void should_refuse_a_type_4_value_without_time_or_twice_at_one_time() {
        assertThatThrownBy(() -> codec.encode(new TimedJsonMessage(List.of(Datapoint.of("t", null, 1)))))
                .hasMessage("type 4 datapoint 0 of stream 't' has no time; type 4 needs one per value");
        assertThatThrownBy(() -> codec.encode(new TimedJsonMessage(List.of(
                Datapoint.of("t", SPEC_TIME, 1), Datapoint.of("t", SPEC_TIME, 2)))))
                .hasMessage("type 4 stream 't' has two values at 2015-03-22T22:31:12");
    }

    // ---------------------------------------------------------------- types 5 and 6

    @Test
    void should_match_the_reference_type_5_vector() {
        DelimitedMessage message = new DelimitedMessage(',', ';', List.of(
                new DelimitedField("temperature", SPEC_TIME, "22.5"),
                DelimitedField.valueOnly("102"),
                DelimitedField.of("pm2.5", "89"),
                DelimitedField.valueOnly("10")));

        byte[] frame = specStyle.encode(message);

        assertThat(hex(frame)).isEqualTo(spaced("05 00 36 2C 3B 74 65 6D 70 65 72 61 74 75 72 65 2C 32 30 31 35"
                + " 2D 30 33 2D 32 32 20 32 32 3A 33 31 3A 31 32 2C 32 32 2E 35 3B 31 30 32 3B 70 6D 32 2E 35 2C"
                + " 38 39 3B 31 30"));
        assertThat(specStyle.decode(frame)).isEqualTo(message);
        // a value-only field belongs to the stream named by its position among all fields
        assertThat(message.datapoints()).extracting(Datapoint::streamId)
                .containsExactly("temperature", "1", "pm2.5", "3");
    }

    @Test
    void should_decode_the_specs_second_type_5_example() {
        String text = "#@temperature#2015-03-22 22:31:12#22.5@102@pm2.5#89@10";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[3 + body.length];
        frame[0] = 5;
        frame[2] = (byte) body.length;
        System.arraycopy(body, 0, frame, 3, body.length);

        DelimitedMessage message = (DelimitedMessage) codec.decode(frame);

        assertThat(message.partSeparator()).isEqualTo('#');
        assertThat(message.fieldSeparator()).isEqualTo('@');
        assertThat(message.fields()).hasSize(4);
        assertThat(message.fields().get(0).at()).isEqualTo(SPEC_TIME);
    }

    @Test
    void should_set_bit_7_and_six_time_bytes_for_a_type_6_default_time() {
        DelimitedWithTimeMessage message = new DelimitedWithTimeMessage('#', '@', beijing(2016, 8, 15, 14, 47, 0),
                List.of(DelimitedField.of("temperature", "22.5"), DelimitedField.of("pm2.5", "89")));

        byte[] frame = codec.encode(message);

        assertThat(hex(frame)).isEqualTo(spaced("86 10 08 0F 0E 2F 00 00 1B"
                + " 23 40 74 65 6D 70 65 72 61 74 75 72 65 23 32 32 2E 35 40 70 6D 32 2E 35 23 38 39"));
        assertThat(codec.decode(frame)).isEqualTo(message);
        assertThat(hex(codec.encode(new DelimitedWithTimeMessage('#', '@', null, message.fields()))))
                .startsWith("06001b");
    }

    @Test
    void should_read_type_6_as_the_specs_table_draws_it_when_configured() {
        DpCodec table = new DpCodec(DpCodecOptions.DEFAULTS.withType6AlwaysTimed(true));
        DelimitedWithTimeMessage message = new DelimitedWithTimeMessage(',', ';', beijing(2016, 8, 15, 14, 47, 0),
                List.of(DelimitedField.of("t", "1")));

        byte[] frame = table.encode(message);

        assertThat(hex(frame)).startsWith("0610080f0e2f00");
        assertThat(table.decode(frame)).isEqualTo(message);
    }

    @Test
    void should_refuse_separators_inside_fields() {
        assertThatThrownBy(() -> codec.encode(new DelimitedMessage(',', ';', List.of(DelimitedField.of("t", "1;2")))))
                .isInstanceOf(DpFrameException.class)
                .hasMessage("type 5 field 0 value '1;2' contains the separator ';'");
        assertThatThrownBy(() -> codec.encode(new DelimitedMessage(',', ';', List.of(DelimitedField.of("a,b", "1")))))
                .hasMessage("type 5 field 0 stream id 'a,b' contains the separator ','");
        assertThatThrownBy(() -> specStyle.encode(new DelimitedMessage(' ', ';',
                List.of(new DelimitedField("t", SPEC_TIME, "1")))))
                .hasMessageContaining("must be a printable ASCII symbol");
        assertThatThrownBy(() -> codec.encode(new DelimitedMessage(',', ',', List.of(DelimitedField.of("t", "1")))))
                .hasMessage("type 5 part and field separators are both ','");
    }

    @Test
    void should_refuse_type_6_and_7_times_outside_2000_to_2099() {
        Instant y2100 = beijing(2100, 1, 1, 0, 0, 0);
        assertThatThrownBy(() -> codec.encode(new DelimitedWithTimeMessage(',', ';', y2100,
                List.of(DelimitedField.of("t", "1")))))
                .hasMessage("type 6 time 2100-01-01T00:00 is outside 2000-2099 (the frame has one byte for the year)");
        assertThatThrownBy(() -> codec.encode(new FloatGroupsMessage(beijing(1999, 12, 31, 23, 59, 59),
                List.of(new FloatGroup(1, new float[] {1f})))))
                .hasMessageStartingWith("type 7 time 1999-12-31T23:59:59 is outside 2000-2099");
    }

    // ---------------------------------------------------------------- type 7

    @Test
    void should_write_type_7_ids_and_counts_big_endian_and_floats_little_endian() {
        FloatGroupsMessage message = new FloatGroupsMessage(beijing(2016, 8, 15, 14, 47, 0),
                List.of(new FloatGroup(1, new float[] {34.0f, -20.3f}), new FloatGroup(0x2437, new float[] {1.5f})));

        byte[] frame = codec.encode(message);

        assertThat(hex(frame)).isEqualTo(spaced("87 10 08 0F 0E 2F 00 00 01 00 02 00 00 08 42 66 66 A2 C1"
                + " 24 37 00 01 00 00 C0 3F"));
        assertThat(codec.decode(frame)).isEqualTo(message);
    }

    @Test
    void should_refuse_type_7_stream_ids_and_counts_out_of_range() {
        assertThatThrownBy(() -> codec.encode(new FloatGroupsMessage(null, List.of(new FloatGroup(0, new float[] {1})))))
                .hasMessage("type 7 group 0 stream id 0 is outside 1-65535");
        assertThatThrownBy(() -> codec.encode(new FloatGroupsMessage(null,
                List.of(new FloatGroup(65536, new float[] {1}))))).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> codec.encode(new FloatGroupsMessage(null,
                List.of(new FloatGroup(1, new float[501]))))).hasMessage("type 7 group 0 (stream 1) has 501 floats; 1 to 500 allowed");
        assertThatThrownBy(() -> codec.encode(new FloatGroupsMessage(null, java.util.Collections.nCopies(501,
                new FloatGroup(1, new float[] {1}))))).hasMessage("type 7 has 501 streams; at most 500 per message");
        // the official SDK sample's id 0, when allowed
        DpCodec sdk = new DpCodec(DpCodecOptions.DEFAULTS.withFloatStreamIdZeroAllowed(true));
        assertThat(sdk.encode(new FloatGroupsMessage(null, List.of(new FloatGroup(0, new float[] {1}))))).hasSize(9);
    }

    // ---------------------------------------------------------------- malformed frames

    @Test
    void should_reject_lengths_that_do_not_match_the_frame() {
        assertThatThrownBy(() -> codec.decode(new byte[] {0x01, (byte) 0xFF, (byte) 0xFF, '{', '}'}))
                .isInstanceOf(DpFrameException.class)
                .hasMessage("type 1 JSON length 65535 does not match the 2 bytes that follow");
        assertThatThrownBy(() -> codec.decode(new byte[] {0x07, 0, 1, 0, (byte) 200, 0, 0}))
                .hasMessage("type 7 stream 1 claims 200 floats but only 2 bytes remain");
    }

    @Test
    void should_reject_unknown_types_flags_and_bad_utf8() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessage("$dp frame is empty");
        assertThatThrownBy(() -> codec.decode(new byte[] {0x17, 0, 1, '1'}))
                .hasMessage("unknown $dp type 23 (OneNET defines types 1 to 7)");
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0x81, 0, 2, '{', '}'}))
                .hasMessageContaining("does not allow flag bits 0x80");
        assertThatThrownBy(() -> codec.decode(new byte[] {0x03, 0, 2, (byte) 0xC3, (byte) 0x28}))
                .hasMessage("type 3 JSON is not valid UTF-8");
        assertThatThrownBy(() -> codec.decode(new byte[] {0x03, 0, 2, '[', ']'}))
                .hasMessage("type 3 JSON is not an object of datastream id to value");
    }

    private static Instant beijing(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).atZone(OneNetTime.DEFAULT_ZONE).toInstant();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String spaced(String hex) {
        return hex.replace(" ", "").toLowerCase();
    }
}
