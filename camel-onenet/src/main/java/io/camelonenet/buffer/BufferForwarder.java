package io.camelonenet.buffer;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.lane.LaneOwner;
import io.camelonenet.lane.LaneScheduler;
import io.camelonenet.lane.RouteHandOff;
import io.camelonenet.support.Backoff;
import io.camelonenet.support.Worker;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Forwards stored messages through its route in order ({@code onenet-buffer:uplink}) and deletes them once their
 * exchanges completed, through the {@link LaneScheduler}: the single device is one lane; a gateway's forwarder
 * ({@code perDevice=true}) has a lane per device, with the device id in {@code OneNetDeviceId}, so that a device that
 * is offline, refused or slow pauses only its own. With an asynchronous producer in the route (onenet-publish) up to
 * {@code window} exchanges of a lane are in flight, so a backlog drains at the pace of the broker; behind a
 * synchronous one (paho) each completes before the next starts. What is not acknowledged when the route stops stays
 * in the buffer and goes out after the next start.
 */
final class BufferForwarder extends DefaultConsumer implements LaneOwner<BufferedMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(BufferForwarder.class);
    private static final long IDLE_WAIT_MILLIS = 500;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final BufferEndpoint endpoint;
    private final UplinkBuffer buffer;
    private final boolean perDevice;
    /** With a combiner (the single device only): a backlog goes out in fewer messages. */
    private final CombinedHandOffs combined;
    private volatile boolean running;
    private Worker worker;

    BufferForwarder(BufferEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.buffer = endpoint.buffer();
        this.perDevice = endpoint.isPerDevice();
        this.combined = endpoint.getCombiner() == null ? null : new CombinedHandOffs(endpoint.getCombiner());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        worker = Worker.start(endpoint.getCamelContext(), this,
                perDevice ? "onenet-buffer-lanes" : "onenet-buffer-forwarder", this::forward);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        endpoint.appended().ring();
        if (worker != null) {
            // the worker notices at once, lets what is in flight complete and deletes it
            worker.stop(Duration.ofMillis(STOP_WAIT_MILLIS + IDLE_WAIT_MILLIS + 1_000), Duration.ofSeconds(5));
            worker = null;
        }
        super.doStop();
    }

    private void forward() {
        WakeSignal wake = endpoint.appended();
        // the single device reads a batch ahead, as a backlog drains; a gateway's lanes take what they can send
        LaneScheduler<BufferedMessage> lanes = LaneScheduler.pulling(this, endpoint.getWindow(),
                perDevice ? 0 : endpoint.getBatchSize(), endpoint.getBatchSize(), wake::ring);
        // what waits from before the start
        (perDevice ? buffer.devicesWaiting() : List.of(UplinkBuffer.SINGLE_DEVICE)).forEach(lanes::touch);
        try {
            while (running) {
                // every completion, append and resume rings it: read it before looking at the lanes
                long seen = wake.rings();
                takeSignals(lanes);
                long wait = IDLE_WAIT_MILLIS;
                try {
                    wait = Math.min(wait, lanes.pass(System.currentTimeMillis()));
                } catch (Exception e) {
                    LOG.error("Uplink buffer forwarding failed: {}", e.getMessage(), e);
                    wait = Backoff.LANE.maxMillis();
                }
                wake.awaitAfter(seen, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lanes.stop(STOP_WAIT_MILLIS);
        }
    }

    private void takeSignals(LaneScheduler<BufferedMessage> lanes) {
        if (perDevice) {
            for (Iterator<String> it = endpoint.appendedDevices().iterator(); it.hasNext(); ) {
                lanes.touch(it.next());
                it.remove();
            }
        } else {
            lanes.touch(UplinkBuffer.SINGLE_DEVICE);
        }
        endpoint.takeResumed().forEach(lanes::resume);
    }

    @Override
    public List<BufferedMessage> fetch(String lane, long afterPosition, int max) {
        int batch = Math.min(max, endpoint.getBatchSize());
        return perDevice ? buffer.next(lane, afterPosition, batch) : buffer.next(afterPosition, batch);
    }

    @Override
    public void attempting(Map<String, List<BufferedMessage>> fetchedByLane) {
        if (!perDevice) {
            List<BufferedMessage> batch = fetchedByLane.get(UplinkBuffer.SINGLE_DEVICE);
            buffer.attempting(batch.get(0).id(), batch.get(batch.size() - 1).id());
            if (combined != null) {
                combined.fetched(batch);
            }
            return;
        }
        Map<String, IdRange> ranges = new HashMap<>();
        fetchedByLane.forEach((device, batch) ->
                ranges.put(device, new IdRange(batch.get(0).id(), batch.get(batch.size() - 1).id())));
        // every lane's batch in one transaction
        buffer.attempting(ranges);
    }

    @Override
    public void handOff(String lane, BufferedMessage message, boolean sentBefore, Completion done) {
        if (combined != null) {
            CombinedHandOffs.Plan plan = combined.handOff(message);
            if (plan.send() == null) {
                // carried by the combined message before it: completes with it
                plan.run().follow(done);
                return;
            }
            if (plan.run() != null) {
                send(lane, plan.send(), failure -> {
                    plan.run().completed(failure);
                    done.completed(failure);
                });
                return;
            }
        }
        send(lane, message, done);
    }

    private void send(String lane, BufferedMessage message, Completion done) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(message.payload());
        exchange.getMessage().setHeader(OneNetHeaders.TOPIC, message.topic());
        if (perDevice) {
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, lane);
        }
        RouteHandOff.process(this, exchange, done);
    }

    @Override
    public void settled(Map<String, List<BufferedMessage>> runByLane) {
        if (!perDevice) {
            List<BufferedMessage> run = runByLane.get(UplinkBuffer.SINGLE_DEVICE);
            buffer.acknowledge(run.get(run.size() - 1).id());
            return;
        }
        Map<String, Long> upTo = new HashMap<>();
        runByLane.forEach((device, run) -> upTo.put(device, run.get(run.size() - 1).id()));
        // every lane's run in one transaction
        buffer.acknowledge(upTo);
    }

    @Override
    public void neverSent(String lane, BufferedMessage first, BufferedMessage last) {
        if (perDevice) {
            buffer.notSent(lane, first.id(), last.id());
        } else {
            buffer.notSent(first.id(), last.id());
        }
    }

    @Override
    public String waiting(String lane) {
        return perDevice ? "Device " + lane + ": " + buffer.count(lane) + " messages wait in the buffer"
                : "Uplink: " + buffer.count() + " messages wait in the buffer";
    }
}
