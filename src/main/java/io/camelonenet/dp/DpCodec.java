package io.camelonenet.dp;

import java.nio.charset.StandardCharsets;

/**
 * Builds and reads OneNET {@code $dp} frames. A JSON frame is one type byte, the body's byte length as an unsigned
 * 16-bit big-endian number, then the UTF-8 body (onenet-protocol.md §2.3-2.7).
 *
 * <p>Stateless and thread-safe. Every length read from the wire is checked against the bytes that remain before
 * anything is allocated, so a hostile frame fails fast with a {@link DpFrameException}.
 */
public final class DpCodec {

    /** The u16 length field of types 1 and 3-6 caps a body at this many bytes. */
    public static final int MAX_JSON_BYTES = 0xFFFF;

    private static final int JSON_HEADER_BYTES = 3;

    private DpCodec() {
    }

    /** Frames UTF-8 JSON as a type 1 ("full JSON", {@code {"datastreams":[...]}}) payload. */
    public static byte[] encodeFullJson(byte[] utf8Json) {
        return encodeJson(DpType.FULL_JSON, utf8Json);
    }

    /** Frames a UTF-8 JSON body as a payload of type 1, 3 or 4. */
    public static byte[] encodeJson(DpType type, byte[] utf8Json) {
        requireJsonType(type);
        if (utf8Json == null || utf8Json.length == 0) {
            throw new DpFrameException("type " + type.code() + " JSON body is empty");
        }
        if (utf8Json.length > MAX_JSON_BYTES) {
            throw new DpFrameException("type " + type.code() + " JSON is " + utf8Json.length
                    + " bytes; the u16 length field allows at most " + MAX_JSON_BYTES);
        }
        byte[] frame = new byte[JSON_HEADER_BYTES + utf8Json.length];
        frame[0] = (byte) type.code();
        frame[1] = (byte) (utf8Json.length >>> 8);
        frame[2] = (byte) utf8Json.length;
        System.arraycopy(utf8Json, 0, frame, JSON_HEADER_BYTES, utf8Json.length);
        return frame;
    }

    /** Reads the type of a frame from its first byte, without decoding the rest. */
    public static DpType typeOf(byte[] frame) {
        if (frame == null || frame.length == 0) {
            throw new DpFrameException("$dp frame is empty");
        }
        return DpType.fromCode(frame[0] & DpType.TYPE_MASK);
    }

    /** Decodes a frame of type 1, 3 or 4. */
    public static DpFrame decodeJson(byte[] frame) {
        DpType type = typeOf(frame);
        requireJsonType(type);
        if ((frame[0] & ~DpType.TYPE_MASK) != 0) {
            throw new DpFrameException("type " + type.code() + " has no flags, but bits 6-7 of byte 1 are set: 0x"
                    + Integer.toHexString(frame[0] & 0xFF));
        }
        if (frame.length < JSON_HEADER_BYTES) {
            throw new DpFrameException("type " + type.code() + " frame is " + frame.length
                    + " bytes, shorter than its 3-byte header");
        }
        int length = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
        int remaining = frame.length - JSON_HEADER_BYTES;
        if (length != remaining) {
            throw new DpFrameException("type " + type.code() + " JSON length " + length + " does not match the "
                    + remaining + " bytes that follow the header");
        }
        if (length == 0) {
            throw new DpFrameException("type " + type.code() + " JSON body is empty");
        }
        return new DpFrame(type, new String(frame, JSON_HEADER_BYTES, length, StandardCharsets.UTF_8));
    }

    private static void requireJsonType(DpType type) {
        if (type != DpType.FULL_JSON && type != DpType.SIMPLE_JSON && type != DpType.SIMPLE_JSON_WITH_TIME) {
            throw new DpFrameException("type " + type.code() + " (" + type + ") is not a JSON type");
        }
    }
}
