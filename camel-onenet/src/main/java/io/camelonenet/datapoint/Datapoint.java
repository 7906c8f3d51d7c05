package io.camelonenet.datapoint;

import java.time.Instant;

/**
 * One value of one OneNET datastream.
 *
 * @param streamId the datastream id (OneNET creates unknown streams on first use)
 * @param at       when the value was measured, or {@code null} to let OneNET stamp it with its own clock
 * @param value    a number, string, boolean, or any object Jackson can write (a map becomes a JSON object, as in
 *                 OneNET's location example {@code {"lon":106,"lat":29}})
 */
public record Datapoint(String streamId, Instant at, Object value) {

    public static Datapoint of(String streamId, Instant at, Object value) {
        return new Datapoint(streamId, at, value);
    }
}
