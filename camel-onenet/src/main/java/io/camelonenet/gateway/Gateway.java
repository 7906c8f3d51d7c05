package io.camelonenet.gateway;

import io.camelonenet.support.FileStamp;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.support.WorkerThreads;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.connection.GatewayDevice;
import io.camelonenet.connection.GatewayListener;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A legacy gateway: the devices of its devices file, each on its own connection. Opens a connection for every listed
 * device, re-reads the file every {@link #RELOAD_PERIOD} and applies what changed (a new device connects; a removed
 * one disconnects once its buffered readings went out, or after the drain timeout, the rest kept in the buffer), and
 * hands every command a device receives to the downlink route ({@code commandsUri}) with the device named in
 * {@code OneNetDeviceId}. A file that became invalid is refused with one line, and the devices keep running.
 * <p>
 * In a cluster ({@code onenet.cluster.kafka.*}) the gateway connects only the devices this instance owns: those of
 * its Kafka partitions. {@link #claim} and {@link #release} follow the partitions as they move between instances.
 */
public final class Gateway extends ServiceSupport implements GatewayListener, GatewayStatus {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How often the devices file is checked for changes. */
    public static final Duration RELOAD_PERIOD = Duration.ofSeconds(2);

    private final Path file;
    private final DevicesFile reader;
    private final GatewayConnections connections;
    private volatile DeviceUplink uplink = DeviceUplink.NONE;
    private final Duration drainTimeout;
    private final DownlinkHandOff commands;
    private final Map<String, Long> draining = new ConcurrentHashMap<>();
    private final List<Runnable> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile DeviceRegistry registry;
    private volatile FileStamp stamp;
    private ScheduledExecutorService reloads;

    /**
     * @param registry     the devices file as read at start-up (a bad file has stopped the app before this)
     * @param settings     the broker and timings every device's connection shares
     * @param connectRate  the most logins a second ({@code onenet.connect.rate})
     * @param commands     where commands go: the downlink route's queue
     */
    public Gateway(Path file, DevicesFile reader, DeviceRegistry registry, ConnectionSettings settings,
                   double connectRate, Duration drainTimeout, DownlinkHandOff commands) {
        this.file = file;
        this.reader = reader;
        this.registry = registry;
        this.connections = new GatewayConnections(settings, connectRate, this);
        this.drainTimeout = drainTimeout;
        this.commands = commands;
        this.stamp = FileStamp.of(file);
    }

    /** The uplink that carries the devices' readings; attached before the gateway starts. */
    public void carriedBy(DeviceUplink uplink) {
        this.uplink = uplink;
    }

    /** A legacy device logs in with its id, its product id and its auth info. */
    private static GatewayDevice login(RegisteredDevice device) {
        return new GatewayDevice(device.id(), device.productId(), device.secret());
    }

    /** The devices as the file lists them now. */
    public DeviceRegistry registry() {
        return registry;
    }

    /** Every device id, in the file's order: what the uplink route reads each period. */
    @Override
    public List<String> deviceIds() {
        return registry.devices().stream().map(RegisteredDevice::id).toList();
    }

    public GatewayConnections connections() {
        return connections;
    }

    @Override
    public boolean isConnected(String deviceId) {
        return connections.isConnected(deviceId);
    }

    /** The devices this instance serves: all of the file's, or in a cluster those it owns now. */
    @Override
    public int configured() {
        return (int) registry.devices().stream().filter(device -> uplink.owns(device.id())).count();
    }

    /**
     * Connects these devices, if the file lists them (a cluster instance that took over their partitions); a device
     * already connected is left alone.
     */
    public void claim(java.util.Collection<String> ids) {
        for (String id : ids) {
            registry.device(id).ifPresent(device -> connections.open(login(device)));
        }
    }

    /** Disconnects these devices (their partitions went to another instance); completes when all have. */
    public java.util.concurrent.CompletableFuture<Void> release(java.util.Collection<String> ids) {
        return java.util.concurrent.CompletableFuture.allOf(ids.stream().map(connections::close)
                .toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    @Override
    public long online() {
        return connections.status().stream().filter(s -> s.state() == ConnectionState.CONNECTED).count();
    }

    @Override
    public List<String> refused() {
        return connections.status().stream().filter(GatewayConnections.DeviceStatus::refused)
                .map(GatewayConnections.DeviceStatus::deviceId).sorted().toList();
    }

    @Override
    public boolean serves(String deviceId) {
        return uplink.owns(deviceId);
    }

    @Override
    public java.util.Map<String, String> problems() {
        java.util.Map<String, String> problems = new java.util.HashMap<>();
        for (GatewayConnections.DeviceStatus status : connections.status()) {
            if (status.lastError() != null) {
                problems.put(status.deviceId(), status.lastError());
            }
        }
        return problems;
    }

    @Override
    public long commandsRefused() {
        return commands.queue().budget().refused();
    }

    /** Called after the file was re-read and applied (the meters of new devices). */
    public void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(commands);
        for (RegisteredDevice device : registry.devices()) {
            if (uplink.owns(device.id())) {
                connections.open(login(device));
            }
        }
        reloads = WorkerThreads.scheduled("onenet-devices-file");
        reloads.scheduleWithFixedDelay(this::check, RELOAD_PERIOD.toMillis(), RELOAD_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Gateway: {} devices from {} on {} (one connection each)", registry.size(), file,
                connections.brokerUrl());
    }

    @Override
    protected void doStop() throws Exception {
        if (reloads != null) {
            reloads.shutdownNow();
        }
        connections.close();
        ServiceHelper.stopService(commands);
    }

    private void check() {
        try {
            FileStamp now = FileStamp.of(file);
            if (!now.equals(stamp)) {
                stamp = now;
                reload();
            }
            drainRemoved();
        } catch (Exception e) {
            // reported, and checked again at the next period: a watcher that died here would never apply a change
            LOG.error("Gateway: checking {} failed: {}; checked again in {} s", file, LogText.of(e.getMessage()),
                    RELOAD_PERIOD.toSeconds(), e);
        }
    }

    /** Reads the file again and applies the difference; a file that cannot be used changes nothing. */
    void reload() {
        DeviceRegistry next;
        try {
            next = reader.read(file);
        } catch (InvalidDevicesFileException e) {
            LOG.error("{}; not applied, the {} devices read before keep running", e.getMessage(), registry.size());
            return;
        }
        next.warnings().forEach(LOG::warn);
        DeviceRegistry previous = registry;
        registry = next;
        int added = 0;
        int changed = 0;
        for (RegisteredDevice device : next.devices()) {
            RegisteredDevice before = previous.device(device.id()).orElse(null);
            draining.remove(device.id());
            if (!uplink.owns(device.id())) {
                continue;
            }
            if (before == null) {
                connections.open(login(device));
                added++;
            } else if (!before.equals(device)) {
                // new credentials: log in again with them
                connections.close(device.id()).thenRun(() -> connections.open(login(device)));
                changed++;
            }
        }
        int removed = 0;
        for (RegisteredDevice device : previous.devices()) {
            if (next.device(device.id()).isEmpty()) {
                draining.put(device.id(), System.nanoTime() + drainTimeout.toNanos());
                removed++;
            }
        }
        LOG.info("Gateway: {} re-read: {} devices ({} added, {} changed, {} removed)", file, next.size(), added,
                changed, removed);
        reloadListeners.forEach(Runnable::run);
    }

    /** Disconnects each removed device once its buffered readings went out, or at its drain deadline. */
    private void drainRemoved() {
        long now = System.nanoTime();
        draining.forEach((id, deadline) -> {
            long waiting = uplink.waiting(id);
            if (waiting == 0 || now - deadline >= 0) {
                draining.remove(id);
                connections.close(id);
                if (waiting == 0) {
                    LOG.info("Gateway: device {} removed from {}: its readings went out; disconnected", id, file);
                } else {
                    LOG.warn("Gateway: device {} removed from {}: disconnected after the drain timeout of {} s; {} "
                            + "readings stay in the buffer", id, file, drainTimeout.toSeconds(), waiting);
                }
            }
        });
    }

    @Override
    public void stateChanged(String deviceId, ConnectionState state) {
        if (state == ConnectionState.CONNECTED) {
            uplink.resume(deviceId);
        }
    }

    @Override
    public void messageArrived(String deviceId, String topic, byte[] payload) {
        // a seda queue: enqueued at once or refused, so the client's I/O thread never waits for the route; a refused
        // command is not answered, so the platform may send it again
        commands.send(deviceId, ParsedSize.ofBytes(payload.length) + ParsedSize.ofString(topic.length()),
                "a message on " + LogText.of(topic) + " for device " + LogText.of(deviceId) + " (" + payload.length
                        + " bytes)", message -> {
                    message.setBody(payload);
                    message.setHeader(OneNetHeaders.DEVICE_ID, deviceId);
                    message.setHeader(OneNetHeaders.MQTT_TOPIC, topic);
                });
    }
}
