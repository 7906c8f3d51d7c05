package io.camelonenet.dp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.datapoint.OneNetTime;

/** What the encoder and the decoder of one {@link DpCodec} share: its options, its JSON mapper and its time format. */
record DpFrameContext(DpCodecOptions options, ObjectMapper mapper, OneNetTime time) {
}
