package io.camelonenet.inbound;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One kind of warning that a burst repeats (a request refused because the queue is full, an answer the platform no
 * longer waits for): the first is logged at once, the others within the next {@code interval} are only counted, and
 * the first one logged after it says how many were not. A flood of 5,000 refusals writes a handful of lines instead of
 * 5,000; the meters count every one.
 */
public final class RepeatedWarning {

    /** Long enough that a flood writes a line now and then, short enough that a new problem shows soon. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Logger log;
    private final long intervalNanos;
    private long lastLogged;
    private boolean loggedOnce;
    private long unlogged;

    public RepeatedWarning(Logger log) {
        this(log, DEFAULT_INTERVAL);
    }

    public RepeatedWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} at WARN, or counts it when one was logged less than the interval ago. */
    public void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long skipped;
        synchronized (this) {
            if (loggedOnce && now - lastLogged < intervalNanos) {
                unlogged++;
                return;
            }
            loggedOnce = true;
            lastLogged = now;
            skipped = unlogged;
            unlogged = 0;
        }
        if (skipped == 0) {
            log.warn(message.get());
        } else {
            log.warn("{} ({} more like it since the last one logged)", message.get(), skipped);
        }
    }
}
