package io.camelonenet.cluster;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.buffer.IdRange;
import io.camelonenet.connection.NothingSent;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.gateway.ListedSubDevices;
import io.camelonenet.gateway.SubDeviceOutbox;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A cluster gateway's outbox, and the route step that fills it ({@code process: ref: awaitedReadings}): a reading
 * (the body, an entry {@code {"time","properties"}}, for the sub-device of {@code OneNetDeviceId}) waits here, and its
 * exchange stays open, until the platform accepted the batch that carried it. Only then does the exchange complete,
 * and the Kafka consumer settle the reading's offset: Kafka is the store, and nothing is kept on disk. A reading for a
 * sub-device the devices file does not list fails at once (a dead letter). When the gateway is handed over to another
 * instance, {@link #handOver()} fails every reading not in the batch on its way, so that they stay uncommitted in
 * Kafka for the next owner, and the batch on its way completes either way within the reply timeout.
 */
public final class AwaitedReadings extends AsyncProcessorSupport implements SubDeviceOutbox {

    /** A reading that failed because this instance no longer owns the gateway; nothing of it was sent. */
    public static final class HandedOverException extends RuntimeException implements NothingSent {
        HandedOverException() {
            super("the gateway was handed over to another instance; the reading stays in Kafka for it");
        }
    }

    private static final class Waiting {
        final long id;
        final byte[] payload;
        final Exchange exchange;
        final AsyncCallback callback;
        boolean attempted;

        Waiting(long id, byte[] payload, Exchange exchange, AsyncCallback callback) {
            this.id = id;
            this.payload = payload;
            this.exchange = exchange;
            this.callback = callback;
        }
    }

    /** Every key until the gateway is attached; {@code ""} (the gateway's own readings) always. */
    private volatile ListedSubDevices listed = key -> true;
    /** Guarded by this: each key's readings in order. */
    private final Map<String, ArrayDeque<Waiting>> byKey = new TreeMap<>();
    private long nextId = 1;
    private boolean accepting;

    /** Refuses readings of sub-devices the devices file does not list (the gateway's, attached before the start). */
    public void listedBy(ListedSubDevices devices) {
        this.listed = devices;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String key = exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID, "", String.class);
        if (!key.isEmpty() && !listed.lists(key)) {
            exchange.setException(new InvalidDatapointException("sub-device " + key + " is not in the devices file"));
            callback.done(true);
            return true;
        }
        byte[] payload;
        try {
            payload = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange,
                    exchange.getMessage().getBody());
        } catch (Exception e) {
            exchange.setException(new InvalidDatapointException("the reading is not an entry: " + e.getMessage()));
            callback.done(true);
            return true;
        }
        synchronized (this) {
            if (accepting) {
                byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Waiting(nextId++, payload, exchange,
                        callback));
                return false;
            }
        }
        exchange.setException(new HandedOverException());
        callback.done(true);
        return true;
    }

    /** This instance owns the gateway now: readings are taken. */
    public synchronized void open() {
        accepting = true;
    }

    /**
     * The gateway goes to another instance: no reading is taken any more, and every waiting reading that is not on
     * its way fails now (it stays in Kafka, uncommitted). A batch on its way completes when it is answered or not.
     */
    public void handOver() {
        List<Waiting> failed = new ArrayList<>();
        synchronized (this) {
            accepting = false;
            List.copyOf(byKey.keySet()).forEach(key -> takeOut(key, waiting -> !waiting.attempted, failed));
        }
        failed.forEach(AwaitedReadings::fail);
    }

    @Override
    public synchronized List<String> devicesWaiting() {
        return List.copyOf(byKey.keySet());
    }

    @Override
    public synchronized List<BufferedMessage> next(String key, int max) {
        List<BufferedMessage> next = new ArrayList<>();
        for (Waiting waiting : byKey.getOrDefault(key, new ArrayDeque<>())) {
            if (next.size() == max) {
                break;
            }
            next.add(new BufferedMessage(waiting.id, "", waiting.payload, waiting.attempted ? 1 : 0));
        }
        return next;
    }

    /** Marks the batch as on its way; refused once the gateway is handed over (its readings failed already). */
    @Override
    public synchronized void attempting(Map<String, IdRange> rangesByKey) {
        if (!accepting) {
            throw new HandedOverException();
        }
        rangesByKey.forEach((key, range) -> byKey.getOrDefault(key, new ArrayDeque<>()).stream()
                .filter(waiting -> in(range, waiting)).forEach(waiting -> waiting.attempted = true));
    }

    @Override
    public void notSent(Map<String, IdRange> rangesByKey) {
        List<Waiting> failed = new ArrayList<>();
        synchronized (this) {
            if (accepting) {
                // tried again in the next batch (the platform may have it: the next owner of a crash would send it
                // again too)
                return;
            }
            rangesByKey.forEach((key, range) -> takeOut(key, waiting -> in(range, waiting), failed));
        }
        failed.forEach(AwaitedReadings::fail);
    }

    @Override
    public void acknowledge(Map<String, Long> upToIdByKey) {
        List<Waiting> done = new ArrayList<>();
        synchronized (this) {
            upToIdByKey.forEach((key, upTo) -> takeOut(key, waiting -> waiting.id <= upTo, done));
        }
        // outside the lock: a completion runs the rest of the route, then the consumer's settlement
        done.forEach(waiting -> waiting.callback.done(false));
    }

    @Override
    public synchronized long count() {
        return byKey.values().stream().mapToLong(ArrayDeque::size).sum();
    }

    /** Moves {@code key}'s waiting readings that match into {@code into}, in order; called holding the lock. */
    private void takeOut(String key, Predicate<Waiting> which, List<Waiting> into) {
        ArrayDeque<Waiting> readings = byKey.get(key);
        if (readings == null) {
            return;
        }
        for (Iterator<Waiting> it = readings.iterator(); it.hasNext(); ) {
            Waiting waiting = it.next();
            if (which.test(waiting)) {
                it.remove();
                into.add(waiting);
            }
        }
        if (readings.isEmpty()) {
            byKey.remove(key);
        }
    }

    private static boolean in(IdRange range, Waiting waiting) {
        return waiting.id >= range.fromId() && waiting.id <= range.toId();
    }

    /** Nothing of the reading was sent: its exchange fails, and the reading stays in Kafka for the next owner. */
    private static void fail(Waiting waiting) {
        waiting.exchange.setException(new HandedOverException());
        waiting.callback.done(false);
    }
}
