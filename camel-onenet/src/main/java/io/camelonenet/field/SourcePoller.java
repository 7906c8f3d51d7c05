package io.camelonenet.field;

import io.camelonenet.inbound.LogText;
import io.camelonenet.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One source's poll loop on the shared scheduler: reads its points every {@code poll} ms, hands what is due to the
 * route and remembers what the route took. A poll that cannot reach the source is retried after a backoff that grows
 * from the poll period up to {@link #MAX_BACKOFF}; the source is then failing (readiness names it) until a poll reads
 * again. Polls of one source never overlap; a poll that overruns its period is followed at once by the next, without
 * a burst to catch up.
 */
final class SourcePoller implements Runnable {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Polls of one source run back to back at most, when each is already due as the last ends. */
    static final int MAX_POLLS_AT_ONCE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(SourcePoller.class);

    private final FieldSource source;
    private final FieldReader reader;
    private final SourceStatus status;
    private final LastReported last;
    private final ReadingHandler handler;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private int failures;
    private long due;
    /** Whether the last poll decided on left nothing due unreported: a failed delivery must be decided on again. */
    private boolean settled;
    /** When the first heartbeat falls due, epoch milliseconds, as of the last poll decided on. */
    private long nextHeartbeat;
    private final boolean reportsAlways;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    SourcePoller(FieldSource source, FieldReader reader, SourceStatus status, LastReported last,
                 ReadingHandler handler, ScheduledExecutorService scheduler) {
        this.source = source;
        this.reader = reader;
        this.status = status;
        this.last = last;
        this.handler = handler;
        this.scheduler = scheduler;
        this.reportsAlways = source.points().stream().anyMatch(point -> point.report() == ReportMode.ALWAYS);
        this.backoff = Backoff.jittered(Duration.ofMillis(source.poll()),
                Duration.ofMillis(Math.max(source.poll(), MAX_BACKOFF.toMillis())));
    }

    void start() {
        due = System.currentTimeMillis();
        next = scheduler.schedule(this, 0, TimeUnit.MILLISECONDS);
    }

    /** No poll starts after this; a poll under way finishes and closes the connection. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null && scheduled.cancel(false)) {
            reader.close();
        }
    }

    /** Writes on the source's connection, between two polls (the reader serialises them). */
    void write(FieldPoint point, Object value) throws FieldWriteException {
        reader.write(point, value);
        LOG.info("Field source {} wrote {} = {}", source.name(), point.name(), LogText.of(value));
    }

    @Override
    public void run() {
        long delay = 0;
        // a poll already due again (a period shorter than the poll, a busy machine) follows at once, a few times
        // before it queues behind the others: the scheduler's queue is one lock for every thread
        for (int polls = 0; polls < MAX_POLLS_AT_ONCE && delay <= 0; polls++) {
            if (stopped) {
                reader.close();
                return;
            }
            delay = poll();
        }
        if (stopped) {
            reader.close();
        } else {
            next = scheduler.schedule(this, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One poll: read, decide, report; returns the milliseconds until the next. */
    private long poll() {
        if (failures == 0 && System.currentTimeMillis() - due > source.poll() / 10) {
            status.startedLate();
        }
        try {
            PollResult poll = reader.read();
            boolean asBefore = poll.unchanged() && settled && !reportsAlways && poll.time() < nextHeartbeat;
            if (asBefore) {
                // the device holds what it held: nothing is due, so nothing is decided value by value
                status.readUnchanged(poll);
            } else {
                status.read(poll);
            }
            if (status.failing()) {
                settled = false;
                return failed(status.lastError());
            }
            recovered();
            if (!asBefore) {
                decide(poll);
            }
            long now = System.currentTimeMillis();
            due = Math.max(due + source.poll(), now);
            return due - now;
        } catch (Exception e) {
            settled = false;
            reader.close();
            status.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return failed(status.lastError());
        }
    }

    /** Reports what is due; remembers whether all of it went, and when the next heartbeat falls due. */
    private void decide(PollResult poll) {
        Map<String, Object> reading = PointReporter.due(source, poll, last, status);
        boolean delivered = !reading.isEmpty() && handler.deliver(source, reading, poll.time());
        if (delivered) {
            last.commit(source.name(), reading, poll.time());
        }
        settled = reading.isEmpty() || delivered;
        nextHeartbeat = PointReporter.nextHeartbeat(source, last);
    }

    private long failed(String why) {
        failures++;
        long delay = backoff.delayMillis(failures);
        if (failures == 1) {
            LOG.warn("Field source {} ({} {}) cannot be read: {}; trying again every {} s at most", source.name(),
                    source.link().protocol(), LogText.of(source.link().address()), why, backoff.maxMillis() / 1000);
        }
        due = System.currentTimeMillis() + delay;
        return delay;
    }

    private void recovered() {
        if (failures > 0) {
            LOG.info("Field source {} reads again after {} failed polls", source.name(), failures);
            failures = 0;
        }
    }
}
