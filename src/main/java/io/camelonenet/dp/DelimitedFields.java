package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the fields of a delimited payload mean as datapoints. */
final class DelimitedFields {

    private DelimitedFields() {
    }

    /**
     * A value-only field belongs to the stream named by its position among all fields, counted from 0: the literal
     * reading of the spec (onenet-protocol.md §2.8).
     */
    static List<Datapoint> datapoints(List<DelimitedField> fields, Instant defaultTime) {
        List<Datapoint> points = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            DelimitedField field = fields.get(i);
            String stream = field.streamId() == null ? Integer.toString(i) : field.streamId();
            points.add(new Datapoint(stream, field.at() == null ? defaultTime : field.at(), field.value()));
        }
        return points;
    }
}
