package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Type 7, discrete floats: groups of floats per numeric stream id, with an optional time for all of them. OneNET's
 * naming of such streams is undocumented; {@link #datapoints()} names them by the decimal id.
 *
 * @param at the time of every value, or {@code null}
 */
public record FloatGroupsMessage(Instant at, List<FloatGroup> groups) implements DpMessage {

    public FloatGroupsMessage {
        groups = List.copyOf(groups);
    }

    @Override
    public DpType type() {
        return DpType.FLOAT_GROUPS;
    }

    @Override
    public List<Datapoint> datapoints() {
        List<Datapoint> points = new ArrayList<>();
        for (FloatGroup group : groups) {
            for (int i = 0; i < group.count(); i++) {
                points.add(new Datapoint(Integer.toString(group.streamId()), at, group.value(i)));
            }
        }
        return points;
    }
}
