package io.camelonenet.dp;

import io.camelonenet.datapoint.DatapointJsonWriter;
import io.camelonenet.datapoint.OneNetTime;

/**
 * OneNET's {@code $dp} wire format, all seven types (docs/protocol-notes.md, `$dp` frames): {@link #encode} builds a frame from a
 * {@link DpMessage}, {@link #decode} reads one back. Lengths are big-endian and count UTF-8 bytes; only type 7's
 * floats are little-endian.
 *
 * <p>Encoding refuses what OneNET would refuse or silently corrupt (a separator inside a field, a body over its length
 * field, a binary over 3 MB, a time outside 2000-2099, a type 7 id or count out of range) with an exception naming the
 * field; it never truncates. Decoding arbitrary bytes throws only {@link DpFrameException}, and every length from the
 * wire is checked against the bytes that remain before anything is allocated.
 *
 * <p>The work is done by {@link DpEncoder} and {@link DpDecoder}, the delimited text of types 5 and 6 by
 * {@link DelimitedFields}. Thread-safe; create one per set of {@link DpCodecOptions} and share it.
 */
public final class DpCodec {

    /** The u16 length field of types 1-6 caps a JSON or string body at this many bytes. */
    public static final int MAX_JSON_BYTES = 0xFFFF;
    /** "该域目前最大支持3M": the binary of type 2. */
    public static final int MAX_BINARY_BYTES = 3 * 1024 * 1024;
    /** Type 7: at most 500 streams per message, and 1-500 floats per stream. */
    public static final int MAX_FLOAT_GROUPS = 500;
    public static final int MAX_FLOATS_PER_GROUP = 500;

    /** Bit 7 of byte 1: types 6 and 7 carry six time bytes. */
    static final int FLAG_TIME = 0x80;
    /** Bit 6 of byte 1: reserved, always 0. */
    static final int FLAG_RESERVED = 0x40;

    private final DpCodecOptions options;
    private final DpEncoder encoder;
    private final DpDecoder decoder;

    public DpCodec() {
        this(DpCodecOptions.DEFAULTS);
    }

    public DpCodec(DpCodecOptions options) {
        this.options = options;
        DpFrameContext context = new DpFrameContext(options, DatapointJsonWriter.fastMapper(),
                new OneNetTime(options.zone(), options.timeStyle()));
        this.encoder = new DpEncoder(context);
        this.decoder = new DpDecoder(context);
    }

    public DpCodecOptions options() {
        return options;
    }

    /** The frame of {@code message}; refuses, naming the field, what OneNET would refuse or corrupt. */
    public byte[] encode(DpMessage message) {
        return encoder.encode(message);
    }

    /** Frames JSON that is already UTF-8 bytes as a type 1 payload. */
    public static byte[] encodeFullJson(byte[] utf8Json) {
        return DpEncoder.encodeJson(DpType.FULL_JSON, utf8Json);
    }

    /** Frames JSON that is already UTF-8 bytes as a payload of type 1, 3 or 4. */
    public static byte[] encodeJson(DpType type, byte[] utf8Json) {
        return DpEncoder.encodeJson(type, utf8Json);
    }

    /** Reads the type of a frame from its first byte, without decoding the rest. */
    public static DpType typeOf(byte[] frame) {
        return DpDecoder.typeOf(frame);
    }

    /** The message in {@code frame}; arbitrary bytes throw only {@link DpFrameException}. */
    public DpMessage decode(byte[] frame) {
        return decoder.decode(frame);
    }

    /** Type 7 ids are 1-65535, or 0-65535 with {@link DpCodecOptions#floatStreamIdZeroAllowed()}. */
    static void checkFloatStreamId(DpCodecOptions options, int streamId, int group) {
        int lowest = options.floatStreamIdZeroAllowed() ? 0 : 1;
        if (streamId < lowest || streamId > 0xFFFF) {
            throw new DpFrameException("type 7 group " + group + " stream id " + streamId + " is outside "
                    + lowest + "-65535");
        }
    }
}
