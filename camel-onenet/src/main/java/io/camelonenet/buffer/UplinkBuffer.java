package io.camelonenet.buffer;

import java.util.List;
import java.util.Map;

/**
 * The durable outbox of a device's uplink: a message is on disk when {@link #append} returns, leaves in order, and is
 * deleted only by {@link #acknowledge} after the broker acknowledged it. What was appended survives a crash or a
 * power cut; what was handed out but not acknowledged is handed out again (at least once).
 */
public interface UplinkBuffer extends AutoCloseable {

    /** The device of messages appended without one: the single configured device. */
    String SINGLE_DEVICE = "";

    /** Stores a message of the single configured device durably; applies the full policy first. */
    long append(String topic, byte[] payload);

    /**
     * Stores a message of one of a gateway's devices durably; applies the full policy first, with each device's share
     * of the bound (see {@code SqliteUplinkBuffer}).
     */
    long append(String device, String topic, byte[] payload);

    /**
     * As {@link #append(String, String, byte[])}, without waiting for the disk: {@code outcome} is told once the
     * reading is committed (its id) or refused (why, counted as dropped), possibly on another thread. Readings appended
     * while a commit is under way share the next one. This default stores at once.
     */
    default void appendThen(String device, String topic, byte[] payload, AppendOutcome outcome) {
        long id;
        try {
            id = append(device, topic, payload);
        } catch (RuntimeException refused) {
            outcome.done(0, refused);
            return;
        }
        outcome.done(id, null);
    }

    /** Up to {@code max} of the oldest messages. */
    default List<BufferedMessage> next(int max) {
        return next(0, max);
    }

    /**
     * Up to {@code max} of the oldest messages after {@code afterId}: a forwarder with messages still in flight asks
     * for the ones behind them.
     */
    List<BufferedMessage> next(long afterId, int max);

    /** Up to {@code max} of {@code device}'s oldest messages after {@code afterId}, in order. */
    List<BufferedMessage> next(String device, long afterId, int max);

    /** The devices that have messages waiting. */
    List<String> devicesWaiting();

    /** How many messages {@code device} has waiting. */
    long count(String device);

    /** What went through the buffer for {@code device} since start. */
    BufferCounters counters(String device);

    /**
     * As {@link #attempting(long, long)}, for each device's messages in its range, in one transaction (one disk
     * sync).
     */
    void attempting(Map<String, IdRange> rangesByDevice);

    /** As {@link #notSent(long, long)}, for {@code device}'s messages only. */
    void notSent(String device, long fromId, long toId);

    /** As {@link #acknowledge(long)}, for each device up to its id, in one transaction. */
    void acknowledge(Map<String, Long> upToIdByDevice);

    /** The publish of messages {@code fromId} to {@code toId} starts; persisted so a crash shows as a possible duplicate. */
    void attempting(long fromId, long toId);

    /** Messages {@code fromId} to {@code toId} were not sent after all. */
    void notSent(long fromId, long toId);

    /**
     * Deletes every message up to and including {@code id}: the broker has them all. Each one that was attempted more
     * than once without proof that the earlier attempts sent nothing is counted as a possible duplicate.
     */
    void acknowledge(long id);

    long count();

    long bytes();

    BufferCounters counters();

    /** When the oldest waiting message was stored (epoch milliseconds); 0 when none waits or it is not known. */
    default long oldestStoredAt() {
        return 0;
    }

    /** What was found damaged when the buffer opened (files set aside, readings lost); empty when it opened clean. */
    default List<String> damage() {
        return List.of();
    }

    /** Why the buffer cannot write (a full disk, a read-only directory), or {@code null} while it can. */
    default String writeProblem() {
        return null;
    }

    @Override
    void close();
}
