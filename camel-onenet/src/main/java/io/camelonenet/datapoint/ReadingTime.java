package io.camelonenet.datapoint;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.Exchange;

import java.time.Instant;

/**
 * When a reading was taken: the {@code OneNetReadingTime} header where a source set it (a field source's poll), else
 * the time its exchange was created. Every step that stamps a reading's values asks here, so a reading keeps the time
 * it was read however long it waited before the step.
 */
public final class ReadingTime {

    private ReadingTime() {
    }

    public static Instant of(Exchange exchange) {
        Long taken = exchange.getMessage().getHeader(OneNetHeaders.READING_TIME, Long.class);
        return Instant.ofEpochMilli(taken != null ? taken : exchange.getClock().getCreated());
    }
}
