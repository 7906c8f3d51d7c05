package io.camelonenet.buffer;

import io.camelonenet.lane.LaneMessage;

/**
 * A stored uplink message waiting for the broker's acknowledgement.
 *
 * @param id       its position in the buffer: messages leave in increasing id order
 * @param topic    where it goes
 * @param payload  what goes
 * @param attempts how often it was handed out before; more than 0 means the broker may already have it (a possible
 *                 duplicate after a crash or a lost PUBACK)
 */
public record BufferedMessage(long id, String topic, byte[] payload, int attempts) implements LaneMessage {

    @Override
    public long position() {
        return id;
    }
}
