package io.camelonenet.field;

import java.util.Map;

/**
 * What one poll of a source read: each point's value (decoded and scaled) or why it could not be read. A point is in
 * one of the two maps, never both; a failed point is never given a value.
 *
 * @param time      when the poll started, epoch milliseconds: the time of every value of the reading
 * @param nanos     how long the poll took
 * @param unchanged every point read, each the value the previous poll read (the device sent the same registers):
 *                  nothing can have become due but by time
 */
public record PollResult(long time, long nanos, Map<String, Object> values, Map<String, String> errors,
                         boolean unchanged) {

    /** A poll whose values may have changed. */
    public PollResult(long time, long nanos, Map<String, Object> values, Map<String, String> errors) {
        this(time, nanos, values, errors, false);
    }
}
