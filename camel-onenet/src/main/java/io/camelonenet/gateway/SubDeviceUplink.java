package io.camelonenet.gateway;

import io.camelonenet.studio.PlatformCalls;
import io.camelonenet.support.Backoff;
import io.camelonenet.support.Worker;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.buffer.IdRange;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.inbound.LogText;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.PackBatches;
import io.camelonenet.studio.PlatformRejectedException;
import io.camelonenet.studio.SubDevice;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A current-platform gateway's uplink: the sub-devices' readings leave the outbox (the durable buffer, or in a
 * cluster the readings Kafka holds) in batches, one message at
 * a time on the gateway's connection (whose {@code onenet.uplink.max-rate} paces every publish): up to 10 sub-devices a
 * message, served round-robin so a chatty one cannot starve the others, each with its oldest readings in order
 * ({@link PackBatches}: pack/post, or history/post for a backlog). A batch leaves the outbox only after the platform's
 * reply with code 200. The platform refuses a message whole without saying which entry it refused, so after a refused
 * batch of several sub-devices each of them goes alone; a sub-device's own refused batch goes to the dead letters
 * with the platform's code, entry by entry. Only sub-devices that are logged in are sent.
 */
final class SubDeviceUplink extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceUplink.class);
    private static final Logger DEAD_LETTERS = LoggerFactory.getLogger("io.camelonenet.dead-letter");
    private static final long IDLE_MILLIS = 200;

    private final CamelContext context;
    private final SubDeviceGateway gateway;
    private final DeviceConnection connection;
    private final GatewayTopics topics;
    private final SubDeviceOutbox outbox;
    private final PlatformCalls calls;
    private final java.util.function.BiConsumer<PackBatches.Reading, Exception> deadLetters;
    private volatile AcceptedReadings accepted = (device, readings) -> { };
    private volatile boolean running;
    private Worker worker;
    private String lastServed = "";
    /** Sub-devices of a batch the platform refused, each to go alone until its own batch is answered. */
    private final java.util.Set<String> suspects = new java.util.LinkedHashSet<>();
    private long sent;
    /** Failed batches in a row, for the pause before the next ({@link Backoff#LANE}); the worker's thread only. */
    private int failures;

    /** @param deadLetters where each reading of a refused batch goes, with the platform's refusal */
    SubDeviceUplink(CamelContext context, SubDeviceGateway gateway, DeviceConnection connection,
                    GatewayTopics topics, SubDeviceOutbox outbox, PlatformCalls calls,
                    java.util.function.BiConsumer<PackBatches.Reading, Exception> deadLetters) {
        this.context = context;
        this.gateway = gateway;
        this.connection = connection;
        this.topics = topics;
        this.outbox = outbox;
        this.calls = calls;
        this.deadLetters = deadLetters;
    }

    /** Told of every batch the platform accepted, after it left the outbox. */
    void onAccepted(AcceptedReadings listener) {
        this.accepted = listener;
    }

    @Override
    protected void doStart() {
        running = true;
        worker = Worker.start(context, this, "onenet-subdevice-uplink", this::forward);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (worker != null) {
            // its waits are sleeps: interrupted at once
            worker.stop(Duration.ZERO, Duration.ofSeconds(5));
            worker = null;
        }
        LOG.info("Sub-device uplink stopped after {} messages; {} readings wait in the outbox", sent, outbox.count());
    }

    private void forward() {
        while (running) {
            try {
                if (!connection.isConnected() || !sendOne()) {
                    Thread.sleep(IDLE_MILLIS);
                } else {
                    failures = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (e instanceof io.camelonenet.connection.NothingSent) {
                    // offline: the connection says so itself
                    LOG.debug("Sub-device uplink: {}", e.getMessage());
                } else {
                    LOG.warn("Sub-device uplink: {}; the batch stays in the outbox and goes again", e.getMessage());
                }
                try {
                    // one request at a time: a batch without an answer pauses them all, as a lane's failure pauses it
                    Thread.sleep(Backoff.LANE.delayMillis(++failures));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends the next batch; false if nothing could be sent. */
    private boolean sendOne() throws Exception {
        List<List<PackBatches.Reading>> waiting = new ArrayList<>();
        for (String key : nextDevices()) {
            waiting.add(readings(key));
        }
        waiting.removeIf(List::isEmpty);
        if (waiting.isEmpty()) {
            return false;
        }
        boolean history = waiting.stream().anyMatch(readings -> readings.size() > 1);
        AtomicReference<PackBatches.Batch> batch = new AtomicReference<>();
        Map<String, IdRange> attempted = new HashMap<>();
        waiting.forEach(readings -> attempted.put(key(readings.get(0).device()),
                new IdRange(readings.get(0).id(), readings.get(readings.size() - 1).id())));
        outbox.attempting(attempted);
        try {
            calls.call(history ? topics.historyPost() : topics.packPost(), id -> {
                batch.set(PackBatches.next(id, waiting));
                return batch.get().payload();
            }, history ? "history/post" : "pack/post");
        } catch (PlatformRejectedException refused) {
            if (batch.get() == null) {
                outbox.notSent(attempted);
                throw refused;
            }
            if (batch.get().lastIdByDevice().size() > 1) {
                // the platform refuses a message whole and does not say which entry: each of its sub-devices goes
                // alone, so that only what it refuses goes to the dead letters (a topo/change crossing the batch,
                // one reading the thing model lacks)
                outbox.notSent(attempted);
                batch.get().lastIdByDevice().keySet().forEach(device -> suspects.add(key(device)));
                LOG.info("Sub-device uplink: a batch of {} sub-devices was refused ({}); each goes alone now",
                        batch.get().lastIdByDevice().size(), LogText.of(refused.getMessage()));
                return true;
            }
            deadLetters(batch.get(), waiting, refused);
            settle(batch.get());
            return true;
        } catch (Exception e) {
            outbox.notSent(attempted);
            throw e;
        }
        settle(batch.get());
        carried(batch.get(), waiting).stream()
                .collect(Collectors.groupingBy(reading -> key(reading.device()), Collectors.summingInt(reading -> 1)))
                .forEach(accepted::accepted);
        return true;
    }

    /** The batch leaves the outbox: accepted, or refused and in the dead letters. */
    private void settle(PackBatches.Batch batch) {
        Map<String, Long> delivered = new HashMap<>();
        batch.lastIdByDevice().forEach((device, id) -> delivered.put(key(device), id));
        suspects.removeAll(delivered.keySet());
        outbox.acknowledge(delivered);
        sent++;
    }

    /** The readings the batch carried: each device's oldest, up to the batch's last id of that device. */
    private static List<PackBatches.Reading> carried(PackBatches.Batch batch,
                                                     List<List<PackBatches.Reading>> waiting) {
        List<PackBatches.Reading> carried = new ArrayList<>();
        for (List<PackBatches.Reading> readings : waiting) {
            Long last = batch.lastIdByDevice().get(readings.get(0).device());
            if (last != null) {
                readings.stream().filter(reading -> reading.id() <= last).forEach(carried::add);
            }
        }
        return carried;
    }

    /**
     * Up to 10 logged-in sub-devices with readings waiting, starting after the one served last (round-robin); after a
     * refused batch, one of its sub-devices alone.
     */
    private List<String> nextDevices() {
        List<String> keys = new ArrayList<>(outbox.devicesWaiting());
        // the gateway's own readings (stored without a sub-device) go whenever it is connected
        keys.removeIf(key -> !key.isEmpty() && !gateway.isOnline(SubDevice.ofKey(key)));
        // a suspect that went offline or has nothing waiting is one no longer
        suspects.retainAll(keys);
        if (!suspects.isEmpty()) {
            return List.of(suspects.iterator().next());
        }
        keys.sort(String::compareTo);
        List<String> rotated = new ArrayList<>();
        keys.stream().filter(key -> key.compareTo(lastServed) > 0).forEach(rotated::add);
        keys.stream().filter(key -> key.compareTo(lastServed) <= 0).forEach(rotated::add);
        List<String> chosen = rotated.subList(0, Math.min(PackBatches.MAX_DEVICES, rotated.size()));
        if (!chosen.isEmpty()) {
            lastServed = chosen.get(chosen.size() - 1);
        }
        return chosen;
    }

    /** The outbox key of a batch entry's device; the gateway's own readings are stored under ''. */
    private static String key(SubDevice device) {
        return device == null ? "" : device.key();
    }

    private List<PackBatches.Reading> readings(String key) {
        SubDevice device = key.isEmpty() ? null : SubDevice.ofKey(key);
        List<PackBatches.Reading> readings = new ArrayList<>();
        for (BufferedMessage message : outbox.next(key, PackBatches.MAX_VALUES_PER_DEVICE)) {
            try {
                JsonNode entry = JsonMappers.plain().readTree(message.payload());
                Map<String, Object> properties = identifiers(entry, "properties");
                Map<String, Object> events = identifiers(entry, "events");
                if (properties.isEmpty() && events.isEmpty()) {
                    throw new IllegalArgumentException("no properties and no events");
                }
                readings.add(new PackBatches.Reading(message.id(), device, properties, events,
                        entry.path("time").asLong()));
            } catch (Exception e) {
                if (!readings.isEmpty()) {
                    break;
                }
                DEAD_LETTERS.error("Sub-device {}: a waiting reading is not an entry ({}), removed: {}",
                        device == null ? "(the gateway)" : device, LogText.of(e.getMessage()),
                        LogText.of(new String(message.payload(), java.nio.charset.StandardCharsets.UTF_8)));
                outbox.acknowledge(Map.of(key, message.id()));
            }
        }
        return readings;
    }

    /** A stored entry's {@code properties} or {@code events}: identifier to value, none if it has none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> identifiers(JsonNode entry, String field) {
        JsonNode values = entry.get(field);
        if (values == null) {
            return Map.of();
        }
        if (!values.isObject()) {
            throw new IllegalArgumentException(field + " is not an object");
        }
        return JsonMappers.plain().convertValue(values, Map.class);
    }

    /** Every reading of a refused batch, to the dead letters: the platform does not say which entry it refused. */
    private void deadLetters(PackBatches.Batch batch, List<List<PackBatches.Reading>> waiting, Exception why) {
        carried(batch, waiting).forEach(reading -> deadLetters.accept(reading, why));
    }
}
