package io.camelonenet.buffer;

/** The ids {@code fromId} to {@code toId} (both included) of one device's messages in the buffer. */
public record IdRange(long fromId, long toId) {
}
