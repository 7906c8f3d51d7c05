package io.camelonenet.buffer;

import io.camelonenet.support.Worker;
import io.camelonenet.support.Backoff;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.NothingSent;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import java.time.Duration;
import java.util.List;

/**
 * Forwards stored messages through its route in order and deletes them in the buffer once their exchanges completed.
 * With an asynchronous producer in the route (onenet-publish) up to {@code window} exchanges are in flight, so a
 * backlog drains at the pace of the broker rather than one round trip per message; behind a synchronous producer
 * (paho) each exchange completes before the next starts.
 *
 * <p>Only a leading run of completed messages is deleted, so the buffer never loses a message that a later one
 * overtook. On a failure it stops handing off, lets what is in flight finish, deletes what went through, waits
 * (100 ms doubling to 5 s, cut short by {@link BufferComponent#resume()} when the connection is back) and starts again
 * from the failed message: nothing is skipped and nothing is deleted unsent.
 */
final class BufferConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BufferConsumer.class);
    private static final long IDLE_WAIT_MILLIS = 500;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final BufferEndpoint endpoint;
    private final UplinkBuffer buffer;
    private volatile boolean running;
    private Worker worker;

    BufferConsumer(BufferEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.buffer = endpoint.buffer();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        worker = Worker.start(endpoint.getCamelContext(), this, "onenet-buffer-forwarder", this::forward);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        // a worker waiting out its backoff stops at once
        endpoint.resumed().ring();
        endpoint.appended().ring();
        if (worker != null) {
            // the worker notices within its longest wait, lets what is in flight complete and deletes it
            worker.stop(Duration.ofMillis(STOP_WAIT_MILLIS + IDLE_WAIT_MILLIS + 1_000), Duration.ofSeconds(5));
            worker = null;
        }
        super.doStop();
    }

    private void forward() {
        InFlightWindow window = new InFlightWindow(endpoint.getWindow());
        int failures = 0;
        String lastFailure = null;
        long handedOffUpTo = 0;
        try {
            while (running) {
                try {
                    if (acknowledge(window.takeDelivered()) && lastFailure != null) {
                        LOG.info("Forwarding the uplink buffer again ({} messages waiting)", buffer.count());
                        lastFailure = null;
                        failures = 0;
                    }
                    if (window.failed()) {
                        long resumedSeen = endpoint.resumed().rings();
                        Exception failure = settleFailure(window);
                        handedOffUpTo = 0;
                        if (!String.valueOf(failure.getMessage()).equals(lastFailure)) {
                            LOG.warn("Uplink buffer holds {} messages; forwarding paused: {}", buffer.count(),
                                    failure.getMessage());
                            lastFailure = String.valueOf(failure.getMessage());
                        }
                        // cut short when the connection is back (or the route stops)
                        endpoint.resumed().awaitAfter(resumedSeen, Backoff.LANE.delayMillis(++failures));
                        continue;
                    }
                    long appendsSeen = endpoint.appended().rings();
                    List<BufferedMessage> batch = buffer.next(handedOffUpTo, endpoint.getBatchSize());
                    if (batch.isEmpty()) {
                        if (window.outstanding() > 0) {
                            window.awaitCompletion(IDLE_WAIT_MILLIS);
                        } else {
                            endpoint.appended().awaitAfter(appendsSeen, IDLE_WAIT_MILLIS);
                        }
                        continue;
                    }
                    handedOffUpTo = handOff(batch, window, handedOffUpTo);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.error("Uplink buffer forwarding failed: {}", e.getMessage(), e);
                    Thread.sleep(Backoff.LANE.maxMillis());
                }
            }
            // stopping: let what is in flight complete, then delete what went through
            long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
            while (!window.awaitCompletion(100) && System.nanoTime() < deadline) {
                acknowledge(window.takeDelivered());
            }
            acknowledge(window.takeDelivered());
        } catch (InterruptedException e) {
            // what is not acknowledged stays in the buffer and goes out after the next start
            Thread.currentThread().interrupt();
        }
    }

    /** Hands off the batch in order while the window has room; returns the id of the last message handed off. */
    private long handOff(List<BufferedMessage> batch, InFlightWindow window, long handedOffUpTo)
            throws InterruptedException {
        long lastId = batch.get(batch.size() - 1).id();
        // one write marks the whole batch as attempted before its first publish
        buffer.attempting(batch.get(0).id(), lastId);
        long last = handedOffUpTo;
        for (BufferedMessage message : batch) {
            while (running && !window.failed() && !window.awaitRoom(IDLE_WAIT_MILLIS)) {
                // full: awaitRoom waited for a completion. Deletions wait for the next batch: one per completion
                // would cost a disk sync each
                continue;
            }
            if (!running || window.failed()) {
                break;
            }
            InFlightWindow.Slot slot = window.handedOff(message.id());
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(message.payload());
            exchange.getMessage().setHeader(OneNetHeaders.TOPIC, message.topic());
            getAsyncProcessor().process(exchange, doneSync -> {
                window.completed(slot, exchange.getException());
                releaseExchange(exchange, false);
            });
            last = message.id();
        }
        if (last < lastId) {
            // never handed off: not attempted after all
            buffer.notSent(last + 1, lastId);
        }
        return last;
    }

    /**
     * After a failure: waits for what is still in flight, deletes what went through before the failed message, and
     * unmarks what provably never left (so it is not counted as a possible duplicate). Returns the failure.
     */
    private Exception settleFailure(InFlightWindow window) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
        while (!window.awaitCompletion(100) && System.nanoTime() < deadline) {
            acknowledge(window.takeDelivered());
        }
        acknowledge(window.takeDelivered());
        Exception first = null;
        for (InFlightWindow.Slot slot : window.takeRemaining()) {
            if (slot.done && slot.failure != null && first == null) {
                first = slot.failure;
            }
            if (slot.done && sentNothing(slot.failure)) {
                buffer.notSent(slot.id, slot.id);
            }
            // a message that went through after the failed one stays: it goes again after it (a possible duplicate,
            // counted), so the buffer keeps the order; one whose outcome is unknown stays marked as attempted
        }
        return first != null ? first : new IllegalStateException("a forwarded message did not complete in time");
    }

    private boolean acknowledge(long deliveredUpTo) {
        if (deliveredUpTo < 0) {
            return false;
        }
        buffer.acknowledge(deliveredUpTo);
        return true;
    }

    private static boolean sentNothing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NothingSent) {
                return true;
            }
        }
        return false;
    }
}
