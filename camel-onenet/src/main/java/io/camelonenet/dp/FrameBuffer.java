package io.camelonenet.dp;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a frame is written into front to back, so Jackson can write JSON right after the header
 * and the length field is filled in afterwards: one buffer, one final copy.
 */
final class FrameBuffer extends OutputStream {

    private byte[] bytes;
    private int count;

    FrameBuffer(int expectedSize) {
        this.bytes = new byte[Math.max(16, expectedSize)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    /** Skips {@code length} bytes, to be filled by {@link #setU16}; returns their position. */
    int reserve(int length) {
        ensure(length);
        int position = count;
        count += length;
        return position;
    }

    void setU16(int position, int value) {
        bytes[position] = (byte) (value >>> 8);
        bytes[position + 1] = (byte) value;
    }

    void writeU16(int value) {
        setU16(reserve(2), value);
    }

    int size() {
        return count;
    }

    byte[] toByteArray() {
        return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }

    private void ensure(int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(count + more, bytes.length * 2));
        }
    }
}
