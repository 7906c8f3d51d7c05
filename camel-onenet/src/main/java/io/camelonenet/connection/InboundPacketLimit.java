package io.camelonenet.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The socket's input as Paho reads it, with every MQTT packet's size checked before its body is read. Paho has no
 * inbound limit: it reads a packet's remaining length and allocates that many bytes, so one 200 MB command killed its
 * receiver thread with OutOfMemoryError while the connection still looked up. This stream follows the packet
 * boundaries (a fixed header byte, a remaining length of 1-4 bytes, the body), and the moment a remaining length over
 * the limit has passed through, it logs one ERROR line and fails the read: Paho then drops the connection, the device
 * reconnects, and the oversized body is never read.
 */
final class InboundPacketLimit extends FilterInputStream {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPacketLimit.class);

    private final int limit;
    private final String peer;
    /** -1: the next byte is a fixed header; 0-3: that many length bytes read; 4: in the body. */
    private int lengthBytes = -1;
    private long length;
    private long bodyLeft;

    InboundPacketLimit(InputStream in, int limit, String peer) {
        super(in);
        this.limit = limit;
        this.peer = peer;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            follow(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int read = super.read(buffer, offset, count);
        if (read > 0) {
            follow(buffer, offset, read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        // Paho never skips; reading keeps the packet boundaries known
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    private void follow(byte[] bytes, int offset, int count) throws IOException {
        int i = offset;
        int end = offset + count;
        while (i < end) {
            if (lengthBytes == 4) {
                long step = Math.min(bodyLeft, end - i);
                bodyLeft -= step;
                i += (int) step;
                if (bodyLeft == 0) {
                    lengthBytes = -1;
                }
            } else if (lengthBytes == -1) {
                lengthBytes = 0;
                length = 0;
                i++;
            } else {
                int b = bytes[i++] & 0xFF;
                length |= (long) (b & 0x7F) << (7 * lengthBytes);
                lengthBytes++;
                if ((b & 0x80) == 0) {
                    packetLength(length);
                } else if (lengthBytes == 4) {
                    throw new IOException("malformed MQTT packet from " + peer + ": remaining length over 4 bytes");
                }
            }
        }
    }

    private void packetLength(long remaining) throws IOException {
        if (remaining > limit) {
            LOG.error("Inbound MQTT packet of {} bytes from {} is over the limit of {} bytes (onenet.downlink.max-bytes"
                    + " plus the topic): closing the connection before reading it", remaining, peer, limit);
            throw new IOException("inbound MQTT packet of " + remaining + " bytes is over the limit of " + limit);
        }
        bodyLeft = remaining;
        lengthBytes = remaining == 0 ? -1 : 4;
    }
}
