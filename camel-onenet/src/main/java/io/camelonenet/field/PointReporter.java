package io.camelonenet.field;

import java.util.LinkedHashMap;
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
        Map<String, Object> due = new LinkedHashMap<>();
        poll.values().forEach((name, value) -> {
            FieldPoint point = source.point(name);
            boolean report = due(point, value, last.get(source.name(), name), poll.time());
            if (report) {
                due.put(name, value);
            }
            status.counted(name, report);
        });
        return due;
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
