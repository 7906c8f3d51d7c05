package io.camelonenet.dp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpCodecTest {

    /** The original Python script's body, compact JSON (onenet-protocol.md §2.4). */
    private static final String SCRIPT_BODY_COMPACT =
            "{\"datastreams\":[{\"id\":\"wendu\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":55}]}]}";
    /** The same body as Python's json.dumps writes it by default, with ", " and ": " separators. */
    private static final String SCRIPT_BODY_PYTHON =
            "{\"datastreams\": [{\"id\": \"wendu\", \"datapoints\": [{\"at\": \"2016-08-15T14:47:00\", \"value\": 55}]}]}";

    @Test
    void should_frame_the_original_scripts_body_byte_for_byte() {
        byte[] json = SCRIPT_BODY_COMPACT.getBytes(StandardCharsets.UTF_8);

        byte[] frame = DpCodec.encodeFullJson(json);

        assertThat(HexFormat.of().formatHex(frame, 0, 3)).isEqualTo("010057");
        assertThat(frame).hasSize(3 + 87);
        assertThat(Arrays.copyOfRange(frame, 3, frame.length)).isEqualTo(json);
    }

    @Test
    void should_frame_pythons_default_json_dumps_with_length_0x5E() {
        byte[] frame = DpCodec.encodeFullJson(SCRIPT_BODY_PYTHON.getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(frame, 0, 3)).isEqualTo("01005e");
        assertThat(frame).hasSize(3 + 94);
    }

    @Test
    void should_count_utf8_bytes_not_characters() {
        String chinese = "{\"datastreams\":[{\"id\":\"温度\",\"datapoints\":[{\"value\":1}]}]}";
        byte[] utf8 = chinese.getBytes(StandardCharsets.UTF_8);

        byte[] frame = DpCodec.encodeFullJson(utf8);

        assertThat(((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF)).isEqualTo(utf8.length).isGreaterThan(chinese.length());
        assertThat(DpCodec.decodeJson(frame).json()).isEqualTo(chinese);
    }

    @Test
    void should_match_the_reference_type_3_vector() {
        byte[] frame = DpCodec.encodeJson(DpType.SIMPLE_JSON,
                "{\"temperature\":22.5,\"humidity\":\"95.2%\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo(("03 00 27 7B 22 74 65 6D 70 65 72 61 74 75 72 65 22 3A 32 32"
                + " 2E 35 2C 22 68 75 6D 69 64 69 74 79 22 3A 22 39 35 2E 32 25 22 7D").replace(" ", "").toLowerCase());
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

    @Test
    void should_refuse_an_empty_body() {
        assertThatThrownBy(() -> DpCodec.encodeFullJson(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void should_round_trip_a_frame() {
        byte[] frame = DpCodec.encodeFullJson(SCRIPT_BODY_COMPACT.getBytes(StandardCharsets.UTF_8));

        DpFrame decoded = DpCodec.decodeJson(frame);

        assertThat(decoded.type()).isEqualTo(DpType.FULL_JSON);
        assertThat(decoded.json()).isEqualTo(SCRIPT_BODY_COMPACT);
    }

    @Test
    void should_reject_a_length_that_claims_more_than_the_frame_holds() {
        byte[] frame = {0x01, (byte) 0xFF, (byte) 0xFF, '{', '}'};

        assertThatThrownBy(() -> DpCodec.decodeJson(frame))
                .isInstanceOf(DpFrameException.class)
                .hasMessage("type 1 JSON length 65535 does not match the 2 bytes that follow the header");
    }

    @Test
    void should_reject_truncated_empty_and_unknown_frames() {
        assertThatThrownBy(() -> DpCodec.decodeJson(new byte[0])).isInstanceOf(DpFrameException.class);
        assertThatThrownBy(() -> DpCodec.decodeJson(new byte[] {0x01, 0x00})).hasMessageContaining("shorter");
        assertThatThrownBy(() -> DpCodec.decodeJson(new byte[] {0x17, 0, 1, '1'}))
                .hasMessage("unknown $dp type 23 (OneNET defines types 1 to 7)");
        assertThatThrownBy(() -> DpCodec.decodeJson(new byte[] {(byte) 0x81, 0, 2, '{', '}'}))
                .hasMessageContaining("bits 6-7");
    }
}
