package io.camelonenet.health;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.health.DeviceCounters.Figure;
import io.camelonenet.inbound.InboundBudget;
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
    private final InboundBudget downlink;

    /** @param downlink the bound of the downlink's hand-off queue */
    public OneNetMeters(DeviceConnection connection, UplinkBuffer buffer, DeviceCounters counters,
                        InboundBudget downlink) {
        this.connection = connection;
        this.buffer = buffer;
        this.counters = counters;
        this.downlink = downlink;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Micrometer holds the object a meter reads only weakly: each meter reads the app's own long-lived objects
        // (counters, buffer, connection), never this binder, which nothing else keeps and the collector would take
        Tags device = Tags.of("device", connection.settings().clientId());
        CounterMeters.routes(registry, device, counters, DeviceCounters::get);
        CounterMeters.counter(registry, device, "onenet.commands.refused",
                "commands refused because the downlink queue was full",
                counters, c -> c.get(Figure.COMMANDS_REFUSED));
        CounterMeters.counter(registry, device, "onenet.answers.dropped",
                "answers not sent: the platform had stopped waiting",
                connection, DeviceConnection::answersDropped);
        gauge(registry, device, "onenet.downlink.queue.depth", "requests waiting for the downlink's worker",
                "requests", downlink, InboundBudget::count);
        gauge(registry, device, "onenet.downlink.queue.size", "their parsed size", "bytes", downlink,
                InboundBudget::bytes);
        CounterMeters.buffer(registry, device, buffer, UplinkBuffer::counters);
        CounterMeters.counter(registry, device, "onenet.buffer.duplicates",
                "messages sent again after an unacknowledged attempt",
                buffer, b -> b.counters().duplicates());
        gauge(registry, device, "onenet.buffer.depth", "messages waiting in the durable buffer", "messages",
                buffer, UplinkBuffer::count);
        gauge(registry, device, "onenet.buffer.size", "payload bytes waiting in the durable buffer", "bytes",
                buffer, UplinkBuffer::bytes);
        gauge(registry, device, "onenet.buffer.oldest.age", "age of the oldest waiting message", "seconds",
                buffer, OneNetMeters::oldestAgeSeconds);
        gauge(registry, device, "onenet.device.connected", "1 while the device is logged in, else 0", null,
                connection, c -> c.isConnected() ? 1 : 0);
    }

    private static double oldestAgeSeconds(UplinkBuffer buffer) {
        long storedAt = buffer.oldestStoredAt();
        return storedAt == 0 ? 0 : Math.max(0, System.currentTimeMillis() - storedAt) / 1000.0;
    }

    private static <T> void gauge(MeterRegistry registry, Tags tags, String name, String description, String unit,
                                  T state, ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }
}
