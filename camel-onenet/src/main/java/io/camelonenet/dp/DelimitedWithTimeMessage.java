package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.time.Instant;
import java.util.List;

/**
 * Type 6, a delimited string with an optional default time for the fields that carry none. The time travels as six
 * bytes (year - 2000, month, day, hour, minute, second), announced by bit 7 of the first byte.
 *
 * @param defaultTime the time of fields without their own, or {@code null}
 */
public record DelimitedWithTimeMessage(char partSeparator, char fieldSeparator, Instant defaultTime,
                                       List<DelimitedField> fields) implements DpMessage {

    public DelimitedWithTimeMessage {
        fields = List.copyOf(fields);
    }

    @Override
    public DpType type() {
        return DpType.DELIMITED_STRING_WITH_TIME;
    }

    @Override
    public List<Datapoint> datapoints() {
        return DelimitedFields.datapoints(fields, defaultTime);
    }
}
