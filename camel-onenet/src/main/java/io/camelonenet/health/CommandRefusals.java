package io.camelonenet.health;

import org.apache.camel.Exchange;

/**
 * Where the error routes every mode shares (routes/common/errors.camel.yaml) count a command their route refused:
 * the mode's own counters, bound as {@code commandRefusals}, so no mode binds another mode's counters.
 */
public interface CommandRefusals {

    /** The command of {@code exchange} was refused unanswered (its hand-off queue was full). */
    void refusedByRoute(Exchange exchange);
}
