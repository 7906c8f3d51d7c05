package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.util.List;

/**
 * Type 5, a delimited string: the two separator characters first, then fields separated by {@code fieldSeparator},
 * parts of a field by {@code partSeparator}, for example {@code ,;temperature,2015-03-22 22:31:12,22.5;102;pm2.5,89}.
 *
 * @param partSeparator  separates stream, time and value inside a field (the spec's first character)
 * @param fieldSeparator separates fields (the spec's second character)
 */
public record DelimitedMessage(char partSeparator, char fieldSeparator, List<DelimitedField> fields)
        implements DpMessage {

    public DelimitedMessage {
        fields = List.copyOf(fields);
    }

    @Override
    public DpType type() {
        return DpType.DELIMITED_STRING;
    }

    @Override
    public List<Datapoint> datapoints() {
        return DelimitedFields.datapoints(fields, null);
    }
}
