package io.camelonenet.buffer;

import io.camelonenet.support.Worker;
import io.camelonenet.support.Backoff;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.NothingSent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway's forwarder ({@code onenet-buffer:uplink?perDevice=true}): each device's messages go through the route in
 * their own order, in their own lane, with the device id in {@code OneNetDeviceId}. A lane is what
 * {@link BufferConsumer} is for one device (a window in flight, only a leading run of completed messages deleted, on a
 * failure a pause of 100 ms doubling to 5 s and a restart from the failed message), except that it never waits: a
 * device that is offline, refused or slow pauses its own lane while every other lane keeps moving. No head-of-line
 * blocking, on one thread for any number of devices.
 */
final class DeviceLanesConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceLanesConsumer.class);
    private static final long IDLE_WAIT_MILLIS = 500;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final BufferEndpoint endpoint;
    private final UplinkBuffer buffer;
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Devices whose lane may have work: a completion, or messages from before the start. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    /** Paused lanes by the end of their pause. */
    private final TreeMap<PauseEnd, String> paused = new TreeMap<>();
    private volatile boolean running;
    private Worker worker;

    DeviceLanesConsumer(BufferEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.buffer = endpoint.buffer();
    }

    /** When a lane's pause ends; the device breaks ties. */
    private record PauseEnd(long millis, String device) implements Comparable<PauseEnd> {
        @Override
        public int compareTo(PauseEnd other) {
            int byTime = Long.compare(millis, other.millis);
            return byTime != 0 ? byTime : device.compareTo(other.device);
        }
    }

    /** One device's messages between the buffer and the route. */
    private static final class Lane {
        final String device;
        final InFlightWindow window;
        long handedOffUpTo;
        int failures;
        long pausedUntil;
        String lastFailure;

        Lane(String device, int window) {
            this.device = device;
            this.window = new InFlightWindow(window);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        worker = Worker.start(endpoint.getCamelContext(), this, "onenet-buffer-lanes", this::forward);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        endpoint.appended().ring();
        if (worker != null) {
            worker.stop(Duration.ofMillis(STOP_WAIT_MILLIS + IDLE_WAIT_MILLIS + 1_000), Duration.ofSeconds(5));
            worker = null;
        }
        super.doStop();
    }

    private void forward() {
        try {
            // what waits from before the start: every device with messages
            touched.addAll(buffer.devicesWaiting());
            while (running) {
                // every completion, append and resumed device rings this signal: read it before looking at the lanes
                long seen = endpoint.appended().rings();
                long wait = IDLE_WAIT_MILLIS;
                try {
                    wait = Math.min(wait, pass());
                } catch (Exception e) {
                    LOG.error("Uplink buffer forwarding failed: {}", e.getMessage(), e);
                    wait = Backoff.LANE.maxMillis();
                }
                if (wait > 0) {
                    endpoint.appended().awaitAfter(seen, wait);
                }
            }
            long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
            while (lanes.values().stream().anyMatch(l -> l.window.outstanding() > 0) && System.nanoTime() < deadline) {
                endpoint.appended().awaitAfter(endpoint.appended().rings(), 100);
                acknowledgeDelivered(List.copyOf(lanes.keySet()));
            }
            acknowledgeDelivered(List.copyOf(lanes.keySet()));
        } catch (InterruptedException e) {
            // what is not acknowledged stays in the buffer and goes out after the next start
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One look at the lanes that may have work: devices with new messages, completions or a connection back, and
     * lanes whose pause ended. Never all lanes: with 10,000 devices a completion must not cost 10,000 lookups.
     * Returns how long until the next pause ends (at most the idle wait).
     */
    private long pass() {
        Set<String> visit = new LinkedHashSet<>();
        drain(touched, visit);
        drain(endpoint.appendedDevices(), visit);
        for (String device : endpoint.takeResumed()) {
            Lane lane = lanes.get(device);
            if (lane != null && lane.pausedUntil > 0) {
                paused.remove(new PauseEnd(lane.pausedUntil, device));
                lane.pausedUntil = 0;
            }
            visit.add(device);
        }
        long now = System.currentTimeMillis();
        while (!paused.isEmpty() && paused.firstKey().millis() <= now) {
            String device = paused.pollFirstEntry().getValue();
            Lane lane = lanes.get(device);
            if (lane != null) {
                lane.pausedUntil = 0;
            }
            visit.add(device);
        }
        acknowledgeDelivered(visit);
        Map<Lane, List<BufferedMessage>> batches = new java.util.LinkedHashMap<>();
        for (String device : visit) {
            Lane lane = lanes.computeIfAbsent(device, d -> new Lane(d, endpoint.getWindow()));
            if (lane.pausedUntil > 0) {
                continue;
            }
            if (lane.window.failed()) {
                if (lane.window.outstanding() == 0) {
                    pause(lane, settleFailure(lane), now);
                }
                continue;
            }
            int room = lane.window.room();
            if (room > 0) {
                List<BufferedMessage> batch = buffer.next(device, lane.handedOffUpTo,
                        Math.min(room, endpoint.getBatchSize()));
                if (!batch.isEmpty()) {
                    batches.put(lane, batch);
                    continue;
                }
            }
            forgetIfIdle(lane);
        }
        // every lane's batch marked as attempted in one transaction, before the first publish
        Map<String, IdRange> attempted = new HashMap<>();
        batches.forEach((lane, batch) -> attempted.put(lane.device,
                new IdRange(batch.get(0).id(), batch.get(batch.size() - 1).id())));
        buffer.attempting(attempted);
        batches.forEach(this::handOff);
        return paused.isEmpty() ? IDLE_WAIT_MILLIS : Math.max(1, paused.firstKey().millis() - now);
    }

    private static void drain(Set<String> from, Set<String> into) {
        for (Iterator<String> it = from.iterator(); it.hasNext(); ) {
            into.add(it.next());
            it.remove();
        }
    }

    private void handOff(Lane lane, List<BufferedMessage> batch) {
        for (BufferedMessage message : batch) {
            InFlightWindow.Slot slot = lane.window.handedOff(message.id());
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(message.payload());
            exchange.getMessage().setHeader(OneNetHeaders.TOPIC, message.topic());
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, lane.device);
            lane.handedOffUpTo = message.id();
            getAsyncProcessor().process(exchange, doneSync -> {
                lane.window.completed(slot, exchange.getException());
                releaseExchange(exchange, false);
                touched.add(lane.device);
                endpoint.appended().ring();
            });
            if (lane.window.failed()) {
                // what follows the failure would only have to go again: leave it in the buffer, unattempted
                if (message != batch.get(batch.size() - 1)) {
                    buffer.notSent(lane.device, message.id() + 1, batch.get(batch.size() - 1).id());
                }
                return;
            }
        }
    }

    /** Deletes, in one transaction, the leading run of delivered messages of each of these devices' lanes. */
    private void acknowledgeDelivered(java.util.Collection<String> devices) {
        Map<String, Long> delivered = new HashMap<>();
        for (String device : devices) {
            Lane lane = lanes.get(device);
            if (lane == null) {
                continue;
            }
            long upTo = lane.window.takeDelivered();
            if (upTo >= 0) {
                delivered.put(lane.device, upTo);
                if (lane.lastFailure != null) {
                    LOG.info("Device {}: forwarding again ({} messages waiting)", lane.device,
                            buffer.count(lane.device));
                    lane.lastFailure = null;
                    lane.failures = 0;
                }
            }
        }
        buffer.acknowledge(delivered);
    }

    /** After a failure with nothing left in flight: unmarks what provably never left; returns the failure. */
    private Exception settleFailure(Lane lane) {
        acknowledgeDelivered(List.of(lane.device));
        Exception first = null;
        for (InFlightWindow.Slot slot : lane.window.takeRemaining()) {
            if (slot.failure != null && first == null) {
                first = slot.failure;
            }
            if (sentNothing(slot.failure)) {
                buffer.notSent(lane.device, slot.id, slot.id);
            }
        }
        // start again from the device's oldest message: the failed one
        lane.handedOffUpTo = 0;
        return first != null ? first : new IllegalStateException("a forwarded message did not complete");
    }

    private void pause(Lane lane, Exception failure, long now) {
        lane.pausedUntil = now + Backoff.LANE.delayMillis(++lane.failures);
        paused.put(new PauseEnd(lane.pausedUntil, lane.device), lane.device);
        String message = String.valueOf(failure.getMessage());
        if (!message.equals(lane.lastFailure)) {
            if (sentNothing(failure)) {
                // not connected: the connection logs why, once; a line per device here would repeat it for thousands
                LOG.debug("Device {}: {} messages wait in the buffer: {}", lane.device, buffer.count(lane.device),
                        message);
            } else {
                LOG.warn("Device {}: {} messages wait in the buffer; its forwarding paused: {}", lane.device,
                        buffer.count(lane.device), message);
            }
            lane.lastFailure = message;
        }
    }

    /** A lane with nothing waiting, nothing in flight and no failure to remember is dropped (devices come and go). */
    private void forgetIfIdle(Lane lane) {
        if (lane.window.outstanding() == 0 && !lane.window.failed() && lane.lastFailure == null
                && lane.pausedUntil == 0 && buffer.count(lane.device) == 0) {
            lanes.remove(lane.device);
        }
    }

    private static boolean sentNothing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NothingSent) {
                return true;
            }
        }
        return false;
    }
}
