package io.camelonenet.health;

import io.camelonenet.buffer.BufferCounters;
import io.camelonenet.health.DeviceCounters.Figure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongBiFunction;

/**
 * Counters as meters, read when scraped: the routes' and the buffer's counters defined once for a device
 * ({@link OneNetMeters}) and a gateway ({@link GatewayMeters}, per device or summed over its devices).
 */
final class CounterMeters {

    private CounterMeters() {
    }

    /** Readings produced and acknowledged, commands received and answered, each figure read from {@code routes}. */
    static <T> void routes(MeterRegistry registry, Tags tags, T routes, ToLongBiFunction<T, Figure> figures) {
        counter(registry, tags, "onenet.readings.produced", "readings the uplink route produced", routes,
                c -> figures.applyAsLong(c, Figure.PRODUCED));
        counter(registry, tags, "onenet.readings.published", "readings the platform acknowledged (PUBACK)", routes,
                c -> figures.applyAsLong(c, Figure.PUBLISHED));
        counter(registry, tags, "onenet.commands.received", "commands received", routes,
                c -> figures.applyAsLong(c, Figure.COMMANDS_RECEIVED));
        counter(registry, tags, "onenet.commands.answered", "commands answered", routes,
                c -> figures.applyAsLong(c, Figure.COMMANDS_ANSWERED));
    }

    /** Messages into the durable buffer, out of it acknowledged, and lost, from {@code counters} of {@code state}. */
    static <T> void buffer(MeterRegistry registry, Tags tags, T state, Function<T, BufferCounters> counters) {
        counter(registry, tags, "onenet.buffer.stored", "messages stored in the durable buffer", state,
                s -> counters.apply(s).stored());
        counter(registry, tags, "onenet.buffer.acknowledged", "buffered messages acknowledged and deleted", state,
                s -> counters.apply(s).acknowledged());
        counter(registry, tags, "onenet.buffer.dropped", "messages lost to a full buffer or a write failure", state,
                s -> counters.apply(s).dropped());
    }

    static <T> void counter(MeterRegistry registry, Tags tags, String name, String description, T state,
                            ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, state, value).description(description).tags(tags).register(registry);
    }
}
