package io.camelonenet.buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the buffer holds, in all and per device (messages and bytes), and what went through it (its counters): kept in
 * memory beside the file, so that no question of the forwarder, the fair share or the meters costs a query. Changed
 * inside the buffer's transactions under its lock; read again from the file after a rollback.
 */
final class BufferTallies {

    /** One device's part of the buffer; '' is the single device. */
    static final class DeviceShare {
        final String device;
        final BufferCounters counters = new BufferCounters();
        long count;
        long bytes;

        DeviceShare(String device) {
            this.device = device;
        }
    }

    final BufferCounters counters = new BufferCounters();
    private final Map<String, DeviceShare> shares = new HashMap<>();
    /** Readings deleted to make room in the open transaction, per device: counted when it commits. */
    private final Map<DeviceShare, Long> droppedToMakeRoom = new HashMap<>();
    private long count;
    private long bytes;

    DeviceShare share(String device) {
        return shares.computeIfAbsent(device, DeviceShare::new);
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    long count(String device) {
        DeviceShare share = shares.get(device);
        return share == null ? 0 : share.count;
    }

    int devices() {
        return shares.size();
    }

    List<String> devicesWaiting() {
        List<String> waiting = new ArrayList<>();
        for (DeviceShare share : shares.values()) {
            if (share.count > 0) {
                waiting.add(share.device);
            }
        }
        return waiting;
    }

    /** Forgets what it held, before reading it again from the file. */
    void clear() {
        count = 0;
        bytes = 0;
        shares.values().forEach(share -> {
            share.count = 0;
            share.bytes = 0;
        });
    }

    /** The file holds {@code messages} of {@code device}, of {@code length} bytes in all. */
    void holds(String device, long messages, long length) {
        DeviceShare share = share(device);
        share.count = messages;
        share.bytes = length;
        count += messages;
        bytes += length;
    }

    void stored(DeviceShare share, long length) {
        count++;
        bytes += length;
        share.count++;
        share.bytes += length;
    }

    /** The oldest message of {@code victim} was deleted to make room in the open transaction. */
    void droppedToMakeRoom(DeviceShare victim, long length) {
        bytes -= length;
        count--;
        victim.bytes -= length;
        victim.count--;
        droppedToMakeRoom.merge(victim, 1L, Long::sum);
    }

    /** The appends' transaction committed: what was dropped to make room is counted now. */
    void committed() {
        droppedToMakeRoom.forEach((share, dropped) -> {
            share.counters.dropped.addAndGet(dropped);
            counters.dropped.addAndGet(dropped);
        });
        droppedToMakeRoom.clear();
    }

    void rolledBack() {
        droppedToMakeRoom.clear();
    }

    void storedCommitted(String device) {
        counters.stored.incrementAndGet();
        share(device).counters.stored.incrementAndGet();
    }

    void refused(String device) {
        counters.dropped.incrementAndGet();
        share(device).counters.dropped.incrementAndGet();
    }

    /**
     * {@code removed} messages of {@code device} were delivered and deleted, {@code duplicates} of them after more
     * than one attempt that may have gone out.
     */
    void acknowledged(String device, long removed, long removedBytes, long duplicates) {
        DeviceShare share = share(device);
        counters.duplicates.addAndGet(duplicates);
        share.counters.duplicates.addAndGet(duplicates);
        count -= removed;
        bytes -= removedBytes;
        share.count -= removed;
        share.bytes -= removedBytes;
        counters.acknowledged.addAndGet(removed);
        share.counters.acknowledged.addAndGet(removed);
    }

    /** Each device with messages waiting (and {@code device}) has an equal share of the bound. */
    long fairShare(DeviceShare device, long maxBytes) {
        return maxBytes / Math.max(1, shares.values().stream().filter(s -> s.count > 0 || s == device).count());
    }

    DeviceShare largest() {
        DeviceShare largest = null;
        for (DeviceShare share : shares.values()) {
            if (largest == null || share.bytes > largest.bytes) {
                largest = share;
            }
        }
        return largest;
    }
}
