package io.camelonenet.dp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a frame front to back. Every read checks what remains first, so a length field from the wire can never make
 * it allocate or read past the frame: a claim of 4 GB in a 20-byte frame fails at once.
 */
final class FrameReader {

    private final byte[] frame;
    private final String type;
    private int position;

    FrameReader(byte[] frame, DpType type) {
        this.frame = frame;
        this.type = "type " + type.code();
        this.position = 1;
    }

    int remaining() {
        return frame.length - position;
    }

    int u8(String field) {
        require(1, field);
        return frame[position++] & 0xFF;
    }

    int u16(String field) {
        require(2, field);
        int value = ((frame[position] & 0xFF) << 8) | (frame[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    long u32(String field) {
        require(4, field);
        long value = ((long) (frame[position] & 0xFF) << 24) | ((frame[position + 1] & 0xFF) << 16)
                | ((frame[position + 2] & 0xFF) << 8) | (frame[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    float floatLittleEndian(String field) {
        require(4, field);
        int bits = (frame[position] & 0xFF) | ((frame[position + 1] & 0xFF) << 8)
                | ((frame[position + 2] & 0xFF) << 16) | ((frame[position + 3] & 0xFF) << 24);
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    /** {@code length} bytes as strict UTF-8: malformed bytes are an error, not a replacement character. */
    String utf8(int length, String field) {
        require(length, field);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame, position, length)).toString();
            position += length;
            return text;
        } catch (CharacterCodingException e) {
            throw new DpFrameException(type + " " + field + " is not valid UTF-8");
        }
    }

    byte[] bytes(long length, String field) {
        if (length > remaining()) {
            throw new DpFrameException(type + " " + field + " length " + length + " exceeds the remaining "
                    + remaining() + " bytes");
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(frame, position, bytes, 0, (int) length);
        position += (int) length;
        return bytes;
    }

    /** The length field of a JSON or string body must match the rest of the frame exactly. */
    int bodyLength(String field) {
        int length = u16(field + " length");
        if (length != remaining()) {
            throw new DpFrameException(type + " " + field + " length " + length + " does not match the "
                    + remaining() + " bytes that follow");
        }
        if (length == 0) {
            throw new DpFrameException(type + " " + field + " is empty");
        }
        return length;
    }

    void requireEnd() {
        if (remaining() != 0) {
            throw new DpFrameException(type + " frame has " + remaining() + " unexpected trailing bytes");
        }
    }

    private void require(int length, String field) {
        if (length > remaining()) {
            throw new DpFrameException(type + " frame ends before its " + field + " (needs " + length + " bytes, "
                    + remaining() + " left)");
        }
    }
}
