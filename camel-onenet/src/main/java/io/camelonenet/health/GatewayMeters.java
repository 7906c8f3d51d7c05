package io.camelonenet.health;

import io.camelonenet.buffer.BufferCounters;
import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.gateway.GatewayStatus;
import io.camelonenet.health.DeviceCounters.Figure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * A gateway's meters: per device (tag {@code device}) the readings produced, stored, acknowledged, dropped and
 * published, the commands and whether it is connected; for the gateway the devices configured, online and refused,
 * and the buffer depth. Devices added to the file later get their meters when the gateway applies the file
 * ({@link #bindDevices()}). A gateway of more than {@code deviceMeters} devices has the same meters without the tag,
 * summed over its devices: eight series per device cost about 2.5 KB of heap each (a quarter of a 10,000-device
 * gateway's heap) and are more than a time-series database wants; the status page has each device's figures.
 */
public final class GatewayMeters implements MeterBinder {

    private final GatewayStatus gateway;
    private final UplinkBuffer buffer;
    private final GatewayCounters counters;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /** Per-device meters up to this many devices (the gateway's when bound). */
    public static final int DEFAULT_DEVICE_METERS = 1000;

    private final int deviceMeters;
    /** Decided when first bound, so a reload never mixes tagged and untagged series of one name. */
    private volatile Boolean perDevice;

    public GatewayMeters(GatewayStatus gateway, UplinkBuffer buffer, GatewayCounters counters) {
        this(gateway, buffer, counters, DEFAULT_DEVICE_METERS);
    }

    public GatewayMeters(GatewayStatus gateway, UplinkBuffer buffer, GatewayCounters counters, int deviceMeters) {
        this.gateway = gateway;
        this.buffer = buffer;
        this.counters = counters;
        this.deviceMeters = deviceMeters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        // each meter reads a long-lived object (Micrometer holds it weakly), never this binder
        Gauge.builder("onenet.gateway.devices.configured", gateway, GatewayStatus::configured)
                .description("devices in the devices file").register(registry);
        bindDevicesOnline(registry, gateway, "devices logged in");
        Gauge.builder("onenet.buffer.depth", buffer, UplinkBuffer::count).baseUnit("messages")
                .description("messages waiting in the durable buffer").register(registry);
        if (perDevice == null) {
            perDevice = gateway.configured() <= deviceMeters;
        }
        if (perDevice) {
            bindDevices(registry);
        } else {
            bindTotals(registry);
        }
    }

    /**
     * The meters a gateway and a cluster instance share: its devices online and refused, and the work it dropped
     * (as {@link GatewayReadinessCheck#devices} are its details).
     */
    static void bindDevicesOnline(MeterRegistry registry, GatewayStatus gateway, String onlineDescription) {
        Gauge.builder("onenet.gateway.devices.online", gateway, GatewayStatus::online)
                .description(onlineDescription).register(registry);
        Gauge.builder("onenet.gateway.devices.refused", gateway, g -> g.refused().size())
                .description("devices whose login the platform refuses").register(registry);
        FunctionCounter.builder("onenet.gateway.commands.refused", gateway, GatewayStatus::commandsRefused)
                .description("the platform's requests refused because the downlink queue was full").register(registry);
        FunctionCounter.builder("onenet.answers.dropped", gateway, GatewayStatus::answersDropped)
                .description("answers not sent: the platform had stopped waiting").register(registry);
    }

    /** Registers the meters of devices that have none yet (Micrometer keeps the existing ones). */
    public void bindDevices() {
        if (Boolean.TRUE.equals(perDevice)) {
            registries.forEach(this::bindDevices);
        }
    }

    /** The per-device meters' names without the tag, each the sum over the devices, read when scraped. */
    private void bindTotals(MeterRegistry registry) {
        bindCounters(registry, Tags.empty(), counters, GatewayCounters::total, buffer.counters());
    }

    private void bindDevices(MeterRegistry registry) {
        for (String id : gateway.deviceIds()) {
            Tags device = Tags.of("device", id);
            bindCounters(registry, device, counters.of(id), DeviceCounters::get, buffer.counters(id));
            Gauge.builder("onenet.device.connected", gateway, g -> g.isConnected(id) ? 1 : 0).tags(device)
                    .description("1 while the device is logged in, else 0").register(registry);
        }
    }

    /** The route and buffer counters of one device or of all, each figure read from {@code routes} when scraped. */
    private static <T> void bindCounters(MeterRegistry registry, Tags tags, T routes,
                                         ToLongBiFunction<T, Figure> figures, BufferCounters stored) {
        CounterMeters.routes(registry, tags, routes, figures);
        CounterMeters.buffer(registry, tags, stored, Function.identity());
    }
}
