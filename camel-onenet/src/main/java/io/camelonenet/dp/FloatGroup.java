package io.camelonenet.dp;

import java.util.Arrays;

/**
 * The floats of one stream in a type 7 payload: a 16-bit stream id, then the values as little-endian IEEE-754 floats.
 */
public record FloatGroup(int streamId, float[] values) {

    public FloatGroup {
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    int count() {
        return values.length;
    }

    float value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatGroup group && group.streamId == streamId && Arrays.equals(group.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * streamId + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatGroup[streamId=" + streamId + ", values=" + Arrays.toString(values) + "]";
    }
}
