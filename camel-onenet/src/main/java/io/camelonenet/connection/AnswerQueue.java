package io.camelonenet.connection;

import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A device's answers to the platform's requests, published in order on a thread of their own, each only while the
 * platform still waits for it. The connection's rate (the platform's budget, a gateway's 1 message a second) can make
 * an answer wait; one whose deadline passes first is dropped and counted, never sent late, so a burst of refused
 * requests does not keep the connection busy for minutes with answers nobody reads. Offering never blocks: the MQTT
 * client's own thread may answer. At most {@link #MAX_COUNT} answers and {@link #MAX_BYTES} bytes wait; past that a
 * new answer is dropped at once.
 */
final class AnswerQueue {

    /** The platform waits 5 s for an answer; at its 1 message a second, a few dozen is all that can go out in time. */
    static final int MAX_COUNT = 256;
    static final long MAX_BYTES = 1L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(AnswerQueue.class);

    /** Publishes one answer, failing at once (nothing sent) if the rate would only let it go after its deadline. */
    interface Publisher {
        void publish(String topic, byte[] payload, int qos, long deadlineMillis, Consumer<Throwable> done)
                throws Exception;
    }

    private record Answer(String topic, byte[] payload, int qos, long deadlineMillis, Consumer<Throwable> done) {
    }

    private final String clientId;
    private final Publisher publisher;
    private final Consumer<Runnable> completions;
    private final Deque<Answer> waiting = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final RepeatedWarning drops = new RepeatedWarning(LOG);
    private long bytes;
    private boolean closed;
    private Thread worker;

    /** @param completions runs a failure's {@code done} off the caller's thread, as a publish's completion does */
    AnswerQueue(String clientId, Publisher publisher, Consumer<Runnable> completions) {
        this.clientId = clientId;
        this.publisher = publisher;
        this.completions = completions;
    }

    /** Queues an answer; {@code done} gets {@code null} once it was published (PUBACK at QoS 1), else why not. */
    void offer(String topic, byte[] payload, int qos, long deadlineMillis, Consumer<Throwable> done) {
        String refusal = null;
        synchronized (this) {
            if (closed) {
                refusal = "the connection is closed";
            } else if (waiting.size() >= MAX_COUNT || bytes + payload.length > MAX_BYTES) {
                refusal = waiting.size() + " answers wait already for the connection's rate";
            } else {
                waiting.addLast(new Answer(topic, payload, qos, deadlineMillis, done));
                bytes += payload.length;
                if (worker == null) {
                    worker = new Thread(this::drain, "onenet-answers-" + clientId);
                    worker.setDaemon(true);
                    worker.start();
                }
                notifyAll();
            }
        }
        if (refusal != null) {
            fail(new Answer(topic, payload, qos, deadlineMillis, done), refusal);
        }
    }

    /** Answers dropped since start: expired while waiting, or refused by a full queue. */
    long dropped() {
        return dropped.get();
    }

    void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = worker;
            notifyAll();
        }
        if (running != null) {
            running.interrupt();
        }
    }

    private void drain() {
        while (true) {
            Answer next;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // closing: whatever waits is failed below
                    }
                }
                next = waiting.pollFirst();
                if (next == null) {
                    return;
                }
                bytes -= next.payload().length;
                if (closed) {
                    failLater(next, "the connection is closed");
                    continue;
                }
            }
            send(next);
        }
    }

    private void send(Answer answer) {
        if (System.currentTimeMillis() >= answer.deadlineMillis()) {
            fail(answer, "the platform stopped waiting for it");
            return;
        }
        try {
            publisher.publish(answer.topic(), answer.payload(), answer.qos(), answer.deadlineMillis(), answer.done());
        } catch (AnswerExpiredException e) {
            dropped.incrementAndGet();
            drops.warn(() -> "Device " + clientId + ": " + e.getMessage());
            completions.accept(() -> answer.done().accept(e));
        } catch (Exception e) {
            completions.accept(() -> answer.done().accept(e));
        }
    }

    private void failLater(Answer answer, String why) {
        completions.accept(() -> answer.done().accept(new AnswerExpiredException(answer.topic(), why)));
    }

    private void fail(Answer answer, String why) {
        dropped.incrementAndGet();
        drops.warn(() -> "Device " + clientId + ": answer on " + LogText.of(answer.topic()) + " not sent: " + why);
        failLater(answer, why);
    }
}
