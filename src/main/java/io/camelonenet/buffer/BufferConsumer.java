package io.camelonenet.buffer;

import io.camelonenet.connection.NothingSent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Forwards stored messages through its route in order, one exchange at a time, and acknowledges them in the buffer
 * once their exchanges completed. On a failure it stops, acknowledges what went through, waits (100 ms doubling to
 * 5 s) and starts again from the failed message: nothing is skipped and nothing is deleted unsent.
 */
final class BufferConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BufferConsumer.class);
    private static final long IDLE_WAIT_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final BufferEndpoint endpoint;
    private volatile boolean running;
    private Thread worker;

    BufferConsumer(BufferEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        worker = new Thread(this::forward, "onenet-buffer-forwarder");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(10_000);
            worker = null;
        }
        super.doStop();
    }

    private static boolean sentNothing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NothingSent) {
                return true;
            }
        }
        return false;
    }

    private void forward() {
        long backoff = 0;
        String lastFailure = null;
        while (running) {
            try {
                List<BufferedMessage> batch = endpoint.buffer().next(endpoint.getBatchSize());
                if (batch.isEmpty()) {
                    endpoint.awaitAppend(IDLE_WAIT_MILLIS);
                    continue;
                }
                long delivered = -1;
                long lastId = batch.get(batch.size() - 1).id();
                Exception failure = null;
                // one write marks the whole batch as attempted before its first publish
                endpoint.buffer().attempting(batch.get(0).id(), lastId);
                for (BufferedMessage message : batch) {
                    if (!running) {
                        endpoint.buffer().notSent(message.id(), lastId);
                        break;
                    }
                    Exchange exchange = createExchange(true);
                    exchange.getMessage().setBody(message.payload());
                    exchange.getMessage().setHeader(BufferEndpoint.TOPIC_HEADER, message.topic());
                    getProcessor().process(exchange);
                    failure = exchange.getException();
                    releaseExchange(exchange, false);
                    if (failure != null) {
                        // the ones after it were never tried; it was not sent either if the failure says so
                        long firstUnsent = sentNothing(failure) ? message.id() : message.id() + 1;
                        if (firstUnsent <= lastId) {
                            endpoint.buffer().notSent(firstUnsent, lastId);
                        }
                        break;
                    }
                    delivered = message.id();
                }
                if (delivered >= 0) {
                    endpoint.buffer().acknowledge(delivered);
                }
                if (failure == null) {
                    if (lastFailure != null) {
                        LOG.info("Forwarding the uplink buffer again ({} messages waiting)", endpoint.buffer().count());
                        lastFailure = null;
                    }
                    backoff = 0;
                } else {
                    if (!String.valueOf(failure.getMessage()).equals(lastFailure)) {
                        LOG.warn("Uplink buffer holds {} messages; forwarding paused: {}", endpoint.buffer().count(),
                                failure.getMessage());
                        lastFailure = String.valueOf(failure.getMessage());
                    }
                    backoff = backoff == 0 ? 100 : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                    Thread.sleep(backoff);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.error("Uplink buffer forwarding failed: {}", e.getMessage(), e);
                try {
                    Thread.sleep(MAX_BACKOFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
