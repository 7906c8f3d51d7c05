package io.camelonenet.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which values of a poll are due: a point with {@code report: always}, one never reported, one changed beyond
 * its deadband since the value it last reported, or one whose heartbeat is due. What is not due is counted as
 * suppressed.
 */
final class PointReporter {

    private PointReporter() {
    }

    static Map<String, Object> due(FieldSource source, PollResult poll, LastReported last, SourceStatus status) {
        List<FieldPoint> points = source.points();
        Map<String, Object> due = new LinkedHashMap<>(Math.max(4, poll.values().size() * 4 / 3 + 1));
        Map<String, LastReported.Value> reported = last.of(source.name());
        // the points in the file's order, each value found by name: no search per value
        for (int i = 0; i < points.size(); i++) {
            FieldPoint point = points.get(i);
            Object value = poll.values().get(point.name());
            if (value == null) {
                continue;
            }
            boolean report = due(point, value, reported.get(point.name()), poll.time());
            if (report) {
                due.put(point.name(), value);
            }
            status.counted(i, report);
        }
        return due;
    }

    /** The earliest time a heartbeat of the source falls due, epoch milliseconds; never: {@code Long.MAX_VALUE}. */
    static long nextHeartbeat(FieldSource source, LastReported last) {
        Map<String, LastReported.Value> reported = last.of(source.name());
        long next = Long.MAX_VALUE;
        for (FieldPoint point : source.points()) {
            LastReported.Value value = reported.get(point.name());
            if (point.heartbeat() > 0 && value != null) {
                next = Math.min(next, value.at() + point.heartbeat());
            }
        }
        return next;
    }

    static boolean due(FieldPoint point, Object value, LastReported.Value last, long now) {
        if (point.report() == ReportMode.ALWAYS || last == null) {
            return true;
        }
        if (point.heartbeat() > 0 && now - last.at() >= point.heartbeat()) {
            return true;
        }
        return changed(value, last.value(), point.deadband());
    }

    private static boolean changed(Object value, Object last, double deadband) {
        if (value instanceof Number number && last instanceof Number before) {
            double difference = Math.abs(number.doubleValue() - before.doubleValue());
            return deadband == 0 ? difference != 0 : difference > deadband;
        }
        return !value.equals(last);
    }
}
