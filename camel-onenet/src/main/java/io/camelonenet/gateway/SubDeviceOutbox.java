package io.camelonenet.gateway;

import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.buffer.IdRange;
import io.camelonenet.buffer.UplinkBuffer;

import java.util.List;
import java.util.Map;

/**
 * Where a current-platform gateway's readings wait until the platform accepted the batch that carried them: the
 * durable buffer ({@link #durable}), or in a cluster the readings of the gateway's Kafka partition that the route
 * handed over and that Kafka still holds ({@code io.camelonenet.cluster.AwaitedReadings}). Readings are kept per key ({@code pid/name} of a
 * sub-device, {@code ""} for the gateway's own), each key's in order.
 */
public interface SubDeviceOutbox {

    /** The keys with readings waiting. */
    List<String> devicesWaiting();

    /** Up to {@code max} of the key's oldest readings, in order. */
    List<BufferedMessage> next(String key, int max);

    /** The batch of these ranges goes out now. */
    void attempting(Map<String, IdRange> rangesByKey);

    /** The batch of these ranges was not answered (offline, no reply): it goes again. */
    void notSent(Map<String, IdRange> rangesByKey);

    /** The platform accepted (or refused for good) every reading of each key up to its id: they leave. */
    void acknowledge(Map<String, Long> upToIdByKey);

    /** How many readings wait. */
    long count();

    /** The durable buffer as an outbox: a reading leaves the disk only when acknowledged. */
    static SubDeviceOutbox durable(UplinkBuffer buffer) {
        return new SubDeviceOutbox() {
            @Override
            public List<String> devicesWaiting() {
                return buffer.devicesWaiting();
            }

            @Override
            public List<BufferedMessage> next(String key, int max) {
                return buffer.next(key, 0, max);
            }

            @Override
            public void attempting(Map<String, IdRange> rangesByKey) {
                buffer.attempting(rangesByKey);
            }

            @Override
            public void notSent(Map<String, IdRange> rangesByKey) {
                // left as attempted: without an answer the platform may have the batch, a possible duplicate
            }

            @Override
            public void acknowledge(Map<String, Long> upToIdByKey) {
                buffer.acknowledge(upToIdByKey);
            }

            @Override
            public long count() {
                return buffer.count();
            }
        };
    }
}
