package io.camelonenet.dp;

import java.time.Instant;

/**
 * One field of a delimited payload (types 5 and 6): {@code stream<c1>time<c1>value}, {@code stream<c1>value} or just
 * {@code value}, whose stream is then the field's position counted from 0.
 *
 * @param streamId the datastream id, or {@code null} for a value-only field
 * @param at       the field's own time, or {@code null}
 * @param value    the value as text; OneNET stores what it can parse as a number as a number
 */
public record DelimitedField(String streamId, Instant at, String value) {

    public static DelimitedField of(String streamId, String value) {
        return new DelimitedField(streamId, null, value);
    }

    public static DelimitedField valueOnly(String value) {
        return new DelimitedField(null, null, value);
    }
}
