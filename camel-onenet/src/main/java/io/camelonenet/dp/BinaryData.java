package io.camelonenet.dp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The binary part of a type 2 payload, copied into the frame straight from where it lives: an array, a file or a
 * stream of known length, so a 3 MB image is held once (in the frame), not twice.
 */
public abstract sealed class BinaryData permits BinaryData.Bytes, BinaryData.FileData, BinaryData.StreamData {

    private BinaryData() {
    }

    public static BinaryData of(byte[] bytes) {
        return new Bytes(bytes);
    }

    public static BinaryData of(Path file) {
        return new FileData(file);
    }

    /** A stream that will yield exactly {@code length} bytes; it is read once and not closed. */
    public static BinaryData of(InputStream stream, long length) {
        return new StreamData(stream, length);
    }

    /** The number of bytes; for a file, its current size. */
    public abstract long length();

    /** Reads all bytes into {@code target} at {@code offset}; exactly {@link #length()} of them. */
    abstract void copyTo(byte[] target, int offset) throws IOException;

    /** The bytes, read into a new array (a decoded frame's data is already an array). */
    public byte[] toBytes() {
        try {
            long length = length();
            if (length > Integer.MAX_VALUE) {
                throw new DpFrameException("binary of " + length + " bytes does not fit in memory");
            }
            byte[] bytes = new byte[(int) length];
            copyTo(bytes, 0);
            return bytes;
        } catch (IOException e) {
            throw new DpFrameException("cannot read binary data: " + e.getMessage());
        }
    }

    static final class Bytes extends BinaryData {
        private final byte[] bytes;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        void copyTo(byte[] target, int offset) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
        }

        @Override
        public byte[] toBytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && Arrays.equals(that.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes.length + " bytes";
        }
    }

    static final class FileData extends BinaryData {
        private final Path file;

        FileData(Path file) {
            this.file = file;
        }

        @Override
        public long length() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new DpFrameException("cannot read binary file " + file + ": " + e.getMessage());
            }
        }

        @Override
        void copyTo(byte[] target, int offset) throws IOException {
            int expected = (int) length();
            try (FileChannel channel = FileChannel.open(file)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(target, offset, expected);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        throw new IOException("file " + file + " shrank while it was read");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "file " + file;
        }
    }

    static final class StreamData extends BinaryData {
        private final InputStream stream;
        private final long length;

        StreamData(InputStream stream, long length) {
            if (length < 0) {
                throw new DpFrameException("binary stream length must not be negative, not " + length);
            }
            this.stream = stream;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        void copyTo(byte[] target, int offset) throws IOException {
            int read = stream.readNBytes(target, offset, (int) length);
            if (read != length) {
                throw new IOException("binary stream ended after " + read + " of " + length + " bytes");
            }
        }

        @Override
        public String toString() {
            return length + " bytes from a stream";
        }
    }
}
