package io.camelonenet.cluster;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices this instance owns: those whose id Kafka's default partitioner puts in one of its partitions (the
 * producers key readings by device id), and any device whose reading arrived on one of them (a producer with a
 * partitioner of its own). The gateway connects a device only while it is owned.
 */
public final class OwnedDevices {

    private volatile Set<Integer> partitions = Set.of();
    private volatile int partitionCount;
    /** Devices seen on an owned partition, by partition. */
    private final java.util.Map<Integer, Set<String>> seen = new ConcurrentHashMap<>();

    /** The partition Kafka's default partitioner gives a record keyed by this device id (murmur2 of the key). */
    public static int partitionOf(String deviceId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(deviceId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    public boolean owns(String deviceId) {
        int count = partitionCount;
        if (count > 0 && partitions.contains(partitionOf(deviceId, count))) {
            return true;
        }
        for (Set<String> devices : seen.values()) {
            if (devices.contains(deviceId)) {
                return true;
            }
        }
        return false;
    }

    public Set<Integer> partitions() {
        return partitions;
    }

    /** Of these devices, the ones the partitioner puts in the given partitions. */
    public List<String> devicesOf(Collection<String> deviceIds, Collection<Integer> ofPartitions) {
        int count = partitionCount;
        if (count == 0) {
            return List.of();
        }
        List<String> result = new java.util.ArrayList<>();
        for (String id : deviceIds) {
            if (ofPartitions.contains(partitionOf(id, count))) {
                result.add(id);
            }
        }
        for (Integer partition : ofPartitions) {
            for (String id : seen.getOrDefault(partition, Set.of())) {
                if (!result.contains(id)) {
                    result.add(id);
                }
            }
        }
        return result;
    }

    void assigned(Collection<Integer> added, int topicPartitions) {
        partitionCount = topicPartitions;
        Set<Integer> next = new java.util.TreeSet<>(partitions);
        next.addAll(added);
        partitions = Set.copyOf(next);
    }

    void revoked(Collection<Integer> removed) {
        Set<Integer> next = new java.util.TreeSet<>(partitions);
        next.removeAll(removed);
        partitions = Set.copyOf(next);
        removed.forEach(seen::remove);
    }

    /** A reading of this device arrived on this owned partition; true if the device was not owned before. */
    boolean seen(String deviceId, int partition) {
        if (owns(deviceId)) {
            return false;
        }
        seen.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(deviceId);
        return true;
    }
}
