package io.camelonenet.cluster;

import io.camelonenet.lane.LaneMessage;

/** A reading consumed from Kafka, on its way to its device's connection. */
record KafkaReading(int partition, long offset, byte[] value, long timestamp) implements LaneMessage {

    @Override
    public long position() {
        return offset;
    }

    /** What the reading holds in memory, against the cluster's window of bytes. */
    long bytes() {
        return value == null ? 0 : value.length;
    }

    static long bytes(Iterable<KafkaReading> readings) {
        long bytes = 0;
        for (KafkaReading reading : readings) {
            bytes += reading.bytes();
        }
        return bytes;
    }
}
