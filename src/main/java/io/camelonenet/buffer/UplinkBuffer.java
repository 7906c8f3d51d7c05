package io.camelonenet.buffer;

import java.util.List;

/**
 * The durable outbox of a device's uplink: a message is on disk when {@link #append} returns, leaves in order, and is
 * deleted only by {@link #acknowledge} after the broker acknowledged it. What was appended survives a crash or a
 * power cut; what was handed out but not acknowledged is handed out again (at least once).
 */
public interface UplinkBuffer extends AutoCloseable {

    /** Stores a message durably; applies the full policy first. */
    long append(String topic, byte[] payload);

    /** Up to {@code max} of the oldest messages, marking them as handed out. */
    List<BufferedMessage> next(int max);

    /** Deletes every message up to and including {@code id}: the broker has them all. */
    void acknowledge(long id);

    long count();

    long bytes();

    BufferCounters counters();

    @Override
    void close();
}
