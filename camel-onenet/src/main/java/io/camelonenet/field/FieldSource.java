package io.camelonenet.field;

import java.util.List;

/**
 * One source of a points file: a field device reached by {@code link}, read every {@code poll} ms (for OPC UA the
 * subscription's sampling interval), whose points belong to {@code device}.
 */
public record FieldSource(String name, FieldLink link, int unitId, long poll, long timeout, SourceDevice device,
                          List<FieldPoint> points) {

    public static final int DEFAULT_UNIT_ID = 1;
    public static final long DEFAULT_POLL = 1000;
    public static final long DEFAULT_TIMEOUT = 1000;

    public FieldPoint point(String pointName) {
        for (FieldPoint point : points) {
            if (point.name().equals(pointName)) {
                return point;
            }
        }
        return null;
    }
}
