package io.camelonenet.route;

import io.camelonenet.dp.DpCodec;

/**
 * Frames datapoint JSON for the {@code $dp} topic as a type 1 payload: byte 0x01, the JSON's UTF-8 byte length as
 * u16 big-endian, the JSON. Over 65535 bytes raises {@link io.camelonenet.dp.DpFrameException}.
 */
public class DpFramer {

    public byte[] frame(byte[] json) {
        return DpCodec.encodeFullJson(json);
    }
}
