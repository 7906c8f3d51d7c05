package io.camelonenet.datapoint;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * OneNET's datapoint time strings. OneNET stores local wall-clock times without a zone and reports them as Beijing
 * time, so a time is written as {@code yyyy-MM-dd'T'HH:mm:ss} in a configured zone (default Asia/Shanghai). The
 * {@code T} form is the one OneNET's HTTP API documents as mandatory and the one the original script sends; the reader
 * also accepts the MQTT spec's space-separated form and optional milliseconds, which the official C SDK emits
 * (docs/protocol-notes.md, `$dp` frames).
 */
public final class OneNetTime {

    public static final String DEFAULT_ZONE_ID = "Asia/Shanghai";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_ZONE_ID);

    /** How a time is written: with the {@code T} of OneNET's HTTP API (default) or the MQTT spec's space. */
    public enum Style {
        T("yyyy-MM-dd'T'HH:mm:ss", 'T'),
        SPACE("yyyy-MM-dd HH:mm:ss", ' ');

        private final DateTimeFormatter format;
        private final char separator;

        Style(String pattern, char separator) {
            this.format = DateTimeFormatter.ofPattern(pattern);
            this.separator = separator;
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
    private final ZoneRules rules;
    private final Style style;
    /**
     * Recently formatted seconds, one slot per second modulo the size. A reading stamps all its values with one time,
     * and a batch of readings spans a few consecutive seconds, which land in distinct slots: a frame of 300 points
     * over 30 seconds formats 30 times instead of 300 (its streams are written one after the other, so a single
     * "last second" would miss at every point). Slots hold immutable records, so racing writers are harmless.
     */
    private static final int CACHED_SECONDS = 64;
    private final Formatted[] recent = new Formatted[CACHED_SECONDS];

    /** The zone's offset and the span of time it holds for: most zones have not changed offset for decades. */
    private volatile OffsetSpan offsetSpan = new OffsetSpan(ZoneOffset.UTC, Long.MAX_VALUE, Long.MIN_VALUE);

    private record Formatted(long epochSecond, String text) {
    }

    private record OffsetSpan(ZoneOffset offset, long fromEpochSecond, long untilEpochSecond) {
        boolean covers(long epochSecond) {
            return epochSecond >= fromEpochSecond && epochSecond < untilEpochSecond;
        }
    }

    public OneNetTime(ZoneId zone) {
        this(zone, Style.T);
    }

    public OneNetTime(ZoneId zone, Style style) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.style = style;
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

    /**
     * Formats to whole seconds. Written out by hand rather than with {@link DateTimeFormatter}, which cost more than
     * the rest of a type 1 frame together (docs/performance.md); tests check both agree.
     */
    public String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        int slot = Math.floorMod(epochSecond, CACHED_SECONDS);
        Formatted cached = recent[slot];
        if (cached != null && cached.epochSecond == epochSecond) {
            return cached.text;
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offsetAt(instant));
        int year = local.getYear();
        if (year < 0 || year > 9999) {
            return style.format.format(local);
        }
        char[] text = new char[19];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, local.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, local.getDayOfMonth(), 2);
        text[10] = style.separator;
        digits(text, 11, local.getHour(), 2);
        text[13] = ':';
        digits(text, 14, local.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, local.getSecond(), 2);
        String formatted = new String(text);
        recent[slot] = new Formatted(epochSecond, formatted);
        return formatted;
    }

    private ZoneOffset offsetAt(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        OffsetSpan span = offsetSpan;
        if (span.covers(epochSecond)) {
            return span.offset();
        }
        ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(instant);
        span = new OffsetSpan(rules.getOffset(instant),
                previous == null ? Long.MIN_VALUE : previous.toEpochSecond(),
                next == null ? Long.MAX_VALUE : next.toEpochSecond());
        offsetSpan = span;
        return span.offset();
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public Instant parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), READ_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidDatapointException("time '" + text + "' is not yyyy-MM-dd'T'HH:mm:ss");
        }
    }
}
