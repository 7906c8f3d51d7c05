package io.camelonenet.field;

/** When a point's value is reported. */
public enum ReportMode {
    /** When it changed beyond the point's deadband since it was last reported, or its heartbeat is due. */
    ON_CHANGE,
    /** At every poll. */
    ALWAYS
}
