package io.camelonenet.datapoint;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * OneNET's datapoint time strings. OneNET stores local wall-clock times without a zone and reports them as Beijing
 * time, so a time is written as {@code yyyy-MM-dd'T'HH:mm:ss} in a configured zone (default Asia/Shanghai). The
 * {@code T} form is the one OneNET's HTTP API documents as mandatory and the one the original script sends; the reader
 * also accepts the MQTT spec's space-separated form and optional milliseconds, which the official C SDK emits
 * (onenet-protocol.md §2.4 and §8 item 4).
 */
public final class OneNetTime {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** How a time is written: with the {@code T} of OneNET's HTTP API (default) or the MQTT spec's space. */
    public enum Style {
        T("yyyy-MM-dd'T'HH:mm:ss"),
        SPACE("yyyy-MM-dd HH:mm:ss");

        private final DateTimeFormatter format;

        Style(String pattern) {
            this.format = DateTimeFormatter.ofPattern(pattern);
        }
    }

    private static final DateTimeFormatter READ_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 1, 3, true).optionalEnd()
            .toFormatter();

    private final ZoneId zone;
    private final DateTimeFormatter writer;

    public OneNetTime(ZoneId zone) {
        this(zone, Style.T);
    }

    public OneNetTime(ZoneId zone, Style style) {
        this.zone = zone;
        this.writer = style.format.withZone(zone);
    }

    /** Parses a zone id, naming the offending text when it is not one. */
    public static ZoneId zone(String zoneId) {
        try {
            return ZoneId.of(zoneId.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("'" + zoneId + "' is not a time zone id (for example Asia/Shanghai or UTC)");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public String format(Instant instant) {
        return writer.format(instant);
    }

    public Instant parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), READ_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidDatapointException("time '" + text + "' is not yyyy-MM-dd'T'HH:mm:ss");
        }
    }
}
