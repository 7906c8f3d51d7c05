package io.camelonenet.connection;

import io.camelonenet.support.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A legacy gateway's connections, one per device (OneNET's legacy endpoint has no gateway notion: each device logs in
 * with its own id as client id: docs/protocol-notes.md, Legacy login), on one shared event loop, logins paced. The rest of the app
 * knows devices by id; only this package knows the MQTT client.
 */
public final class GatewayConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnections.class);

    private final ConnectionSettings settings;
    private final LoginPacer pacer;
    private final GatewayListener listener;
    private final Map<String, GatewayDeviceConnection> devices = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = WorkerThreads.scheduled("onenet-gateway-logins");

    /**
     * @param settings the broker and the connection's timings; its client id and credentials are not used (each
     *                 device has its own)
     * @param loginsPerSecond the most logins started in a second ({@code onenet.connect.rate})
     */
    public GatewayConnections(ConnectionSettings settings, double loginsPerSecond, GatewayListener listener) {
        this.settings = settings;
        this.pacer = new LoginPacer(loginsPerSecond);
        this.listener = listener;
    }

    /** Opens the device's connection (after its slot of the login pace); a device already open is left alone. */
    public void open(GatewayDevice device) {
        devices.computeIfAbsent(device.deviceId(), id -> {
            GatewayDeviceConnection connection = new GatewayDeviceConnection(device, settings, pacer, listener);
            connection.start(scheduler);
            return connection;
        });
    }

    /** Disconnects the device; completes when it has. */
    public CompletableFuture<Void> close(String deviceId) {
        GatewayDeviceConnection connection = devices.remove(deviceId);
        return connection == null ? CompletableFuture.completedFuture(null) : connection.close();
    }

    /**
     * Publishes on the device's own connection; {@code done} gets {@code null} after the PUBACK (QoS 1) or the write
     * (QoS 0), or what went wrong.
     *
     * @throws DeviceNotConnectedException if the device is not connected (or not one of the gateway's): nothing sent
     * @throws PublishRefusedException     if a rule refuses it (QoS 2 among them): nothing sent
     */
    public void publishAsync(String deviceId, String topic, byte[] payload, int qos, Consumer<Throwable> done)
            throws DeviceNotConnectedException, PublishRefusedException {
        GatewayDeviceConnection connection = devices.get(deviceId);
        if (connection == null) {
            throw new DeviceNotConnectedException(deviceId, settings.brokerUrl(), topic);
        }
        connection.publishAsync(topic, payload, qos, done);
    }

    public boolean isConnected(String deviceId) {
        GatewayDeviceConnection connection = devices.get(deviceId);
        return connection != null && connection.connected();
    }

    /** Where each open device stands, for health and metrics. */
    public List<DeviceStatus> status() {
        List<DeviceStatus> status = new ArrayList<>(devices.size());
        for (GatewayDeviceConnection connection : devices.values()) {
            status.add(new DeviceStatus(connection.deviceId(), connection.state(), connection.refused(),
                    connection.lastError()));
        }
        return status;
    }

    public String brokerUrl() {
        return settings.brokerUrl();
    }

    /** One device's connection as health and metrics see it. */
    public record DeviceStatus(String deviceId, ConnectionState state, boolean refused, String lastError) {
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (String deviceId : List.copyOf(devices.keySet())) {
            closing.add(close(deviceId));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("Not every gateway device disconnected in time: {}", e.getMessage());
        }
        scheduler.shutdownNow();
    }
}
