package io.camelonenet.datapoint;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Turns the bodies a route typically carries into datapoints:
 * <ul>
 *   <li>a map of stream id to value ({@code {temperature=22.5, humidity=61}}), all stamped with one time;</li>
 *   <li>a collection of {@link Datapoint}s, or of maps with {@code id} (or {@code stream}), {@code value} and an
 *       optional {@code at}, each with its own time;</li>
 *   <li>a single {@link Datapoint}.</li>
 * </ul>
 * An {@code at} may be an {@link Instant}, {@link ZonedDateTime}, {@link OffsetDateTime}, {@link Date}, epoch
 * milliseconds, a {@link LocalDateTime} or a {@code yyyy-MM-dd'T'HH:mm:ss} string (both in the configured zone).
 */
public final class DatapointBodies {

    private DatapointBodies() {
    }

    public static List<Datapoint> toDatapoints(Object body, Instant now, OneNetTime time) {
        if (body instanceof Datapoint point) {
            return List.of(point);
        }
        if (body instanceof Map<?, ?> streams) {
            List<Datapoint> points = new ArrayList<>(streams.size());
            for (Map.Entry<?, ?> stream : streams.entrySet()) {
                points.add(new Datapoint(stream.getKey() == null ? null : stream.getKey().toString(), now,
                        stream.getValue()));
            }
            return points;
        }
        if (body instanceof Collection<?> items) {
            List<Datapoint> points = new ArrayList<>(items.size());
            int index = 0;
            for (Object item : items) {
                points.add(toPoint(item, index++, time));
            }
            return points;
        }
        throw new InvalidDatapointException("body " + (body == null ? "is null" : "of type " + body.getClass().getName()
                + " is neither a map of datastream id to value nor a list of datapoints"));
    }

    private static Datapoint toPoint(Object item, int index, OneNetTime time) {
        if (item instanceof Datapoint point) {
            return point;
        }
        if (item instanceof Map<?, ?> fields) {
            Object id = fields.containsKey("id") ? fields.get("id") : fields.get("stream");
            if (!fields.containsKey("value")) {
                throw new InvalidDatapointException("datapoint " + index + " has no \"value\"");
            }
            return new Datapoint(id == null ? null : id.toString(), toInstant(fields.get("at"), index, time),
                    fields.get("value"));
        }
        throw new InvalidDatapointException("datapoint " + index + " is "
                + (item == null ? "null" : "a " + item.getClass().getName())
                + ", not a Datapoint or a map with id, value and at");
    }

    /** Reads a time the way {@link #toDatapoints} reads a datapoint's {@code at}. */
    public static Instant toInstant(Object at, OneNetTime time) {
        return toInstant(at, 0, time);
    }

    static Instant toInstant(Object at, int index, OneNetTime time) {
        if (at == null) {
            return null;
        } else if (at instanceof Instant instant) {
            return instant;
        } else if (at instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        } else if (at instanceof OffsetDateTime offset) {
            return offset.toInstant();
        } else if (at instanceof LocalDateTime local) {
            return local.atZone(time.zone()).toInstant();
        } else if (at instanceof Date date) {
            return date.toInstant();
        } else if (at instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        } else if (at instanceof CharSequence text) {
            return time.parse(text.toString());
        }
        throw new InvalidDatapointException("datapoint " + index + " has an \"at\" of type " + at.getClass().getName()
                + " that is not a time");
    }
}
