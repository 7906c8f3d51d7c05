package io.camelonenet.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelLogger;
import org.apache.camel.spi.LogListener;

/**
 * The routes' {@code log} steps, escaped: a route that logs {@code ${body}} or a topic repeats what the platform sent,
 * so every message of a {@code log} step goes through {@link LogText} (control, escape and bidirectional-formatting
 * characters escaped, cut at {@value #MAX_CHARS} characters). Registered by the app's wiring for every route.
 */
public final class EscapedRouteLogs implements LogListener {

    /** A route's log line may quote a body: long enough to read one, not a 121 KB property set. */
    static final int MAX_CHARS = 2000;

    @Override
    public String onLog(Exchange exchange, CamelLogger camelLogger, String message) {
        return message == null ? null : LogText.of(message, MAX_CHARS);
    }
}
