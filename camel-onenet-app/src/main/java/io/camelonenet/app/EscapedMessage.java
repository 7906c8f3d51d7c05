package io.camelonenet.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.camelonenet.inbound.LogText;

/**
 * The console's {@code %msg}: the message with every control, escape and bidirectional-formatting character escaped
 * ({@link LogText}). The library escapes what it logs from the platform, Kafka or a file; this keeps a line that a
 * third-party library logs with such text (a topic, an exception's message) from forging lines or rewriting the
 * terminal too. Stack traces ({@code %ex}) are printed as they are.
 */
public final class EscapedMessage extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(event.getFormattedMessage());
    }
}
