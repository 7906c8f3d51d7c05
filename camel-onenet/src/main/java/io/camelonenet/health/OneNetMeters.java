package io.camelonenet.health;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.route.DeviceCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;

/**
 * The device's counters and its buffer as Micrometer meters, tagged with the device: what the log's counters line
 * says, for Prometheus ({@code /observe/metrics}) and any other registry. Read when scraped; nothing is counted twice.
 */
public final class OneNetMeters implements MeterBinder {

    private final DeviceConnection connection;
    private final UplinkBuffer buffer;
    private final DeviceCounters counters;

    public OneNetMeters(DeviceConnection connection, UplinkBuffer buffer, DeviceCounters counters) {
        this.connection = connection;
        this.buffer = buffer;
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags device = Tags.of("device", connection.settings().clientId());
        counter(registry, device, "onenet.readings.produced", "readings the uplink route produced",
                c -> c.counters.snapshot().get("produced"));
        counter(registry, device, "onenet.readings.published", "readings the platform acknowledged (PUBACK)",
                c -> c.counters.snapshot().get("published"));
        counter(registry, device, "onenet.commands.received", "commands received",
                c -> c.counters.snapshot().get("commandsReceived"));
        counter(registry, device, "onenet.commands.answered", "commands answered",
                c -> c.counters.snapshot().get("commandsAnswered"));
        counter(registry, device, "onenet.commands.refused", "commands refused (too large, malformed)",
                c -> c.counters.snapshot().get("commandsRefused"));
        counter(registry, device, "onenet.buffer.stored", "messages stored in the durable buffer",
                c -> c.buffer.counters().stored());
        counter(registry, device, "onenet.buffer.acknowledged", "buffered messages acknowledged and deleted",
                c -> c.buffer.counters().acknowledged());
        counter(registry, device, "onenet.buffer.dropped", "messages lost to a full buffer or a write failure",
                c -> c.buffer.counters().dropped());
        counter(registry, device, "onenet.buffer.duplicates", "messages sent again after an unacknowledged attempt",
                c -> c.buffer.counters().duplicates());
        gauge(registry, device, "onenet.buffer.depth", "messages waiting in the durable buffer", "messages",
                c -> c.buffer.count());
        gauge(registry, device, "onenet.buffer.size", "payload bytes waiting in the durable buffer", "bytes",
                c -> c.buffer.bytes());
        gauge(registry, device, "onenet.buffer.oldest.age", "age of the oldest waiting message", "seconds",
                c -> c.oldestAgeSeconds());
        gauge(registry, device, "onenet.device.connected", "1 while the device is logged in, else 0", null,
                c -> c.connection.isConnected() ? 1 : 0);
    }

    private double oldestAgeSeconds() {
        long storedAt = buffer.oldestStoredAt();
        return storedAt == 0 ? 0 : Math.max(0, System.currentTimeMillis() - storedAt) / 1000.0;
    }

    private void counter(MeterRegistry registry, Tags tags, String name, String description,
                         ToDoubleFunction<OneNetMeters> value) {
        FunctionCounter.builder(name, this, value).description(description).tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String description, String unit,
                       ToDoubleFunction<OneNetMeters> value) {
        Gauge.builder(name, this, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }
}
