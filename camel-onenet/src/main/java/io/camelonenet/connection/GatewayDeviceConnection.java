package io.camelonenet.connection;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One device of a gateway on its own MQTT connection, on the HiveMQ MQTT client: all of a gateway's connections share
 * the client's one Netty event loop, so 10,000 devices cost a handful of threads instead of 30,000 (docs/performance.md,
 * gateway clients). Reconnects forever with jittered exponential backoff, every login paced by the gateway's
 * {@link LoginPacer}; a refused login (bad auth info) is reported and retried at the same backoff, without holding up
 * any other device.
 */
final class GatewayDeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayDeviceConnection.class);
    /** A publish with no PUBACK by then fails, so the device's forwarder lane tries again instead of waiting forever. */
    static final long PUBLISH_TIMEOUT_SECONDS = 30;
    /** The legacy command topic: OneNET pushes it without a subscription; a plain broker needs one. */
    private static final String COMMANDS = "$creq/+";

    private final GatewayDevice device;
    private final String brokerUrl;
    private final GatewayListener listener;
    private final LoginPacer pacer;
    private final SessionPolicy policy;
    private final int maxInboundBytes;
    private final int keepAliveSeconds;
    private final Mqtt3AsyncClient client;
    /** The gateway's worker: logins after their slot, publishes after theirs of the rate. */
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closing;
    /** The first login, once sent (guarded by this). */
    private CompletableFuture<?> connecting;

    GatewayDeviceConnection(GatewayDevice device, ConnectionSettings settings, LoginPacer pacer,
                            GatewayListener listener) {
        this.device = device;
        this.brokerUrl = settings.brokerUrl();
        this.listener = listener;
        this.pacer = pacer;
        // one connection per device; the rate is each device's, as it is a single device's
        this.policy = new SessionPolicy(device.deviceId(), settings, new PublishAdmission(settings.guard(), 1,
                "a gateway's connections carry QoS 0 and 1", settings.maxPublishRate()), true,
                next -> listener.stateChanged(device.deviceId(), next));
        this.maxInboundBytes = settings.maxInboundBytes();
        this.keepAliveSeconds = settings.keepAliveSeconds();
        java.net.URI uri = java.net.URI.create(settings.brokerUrl());
        var builder = MqttClient.builder().useMqttVersion3()
                .identifier(device.deviceId())
                .serverHost(uri.getHost())
                .serverPort(uri.getPort() > 0 ? uri.getPort() : settings.usesTls() ? 8883 : 1883)
                .simpleAuth().username(device.userName()).password(device.password().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .addConnectedListener(context -> loggedIn())
                .addDisconnectedListener(this::disconnected);
        if (settings.usesTls()) {
            // OneNET's legacy endpoint, the only one with a connection per device, has no TLS (docs/protocol-notes.md, Legacy login)
            throw new IllegalArgumentException("a legacy gateway's devices connect without TLS; use a tcp:// URL");
        }
        this.client = builder.buildAsync();
        // registered before the first connect so that nothing the platform pushes right after CONNACK is missed
        // a packet over the inbound limit never gets here: the connection closes before it is read
        client.publishes(MqttGlobalPublishFilter.ALL, publish ->
                listener.messageArrived(device.deviceId(), publish.getTopic().toString(), publish.getPayloadAsBytes()));
    }

    String deviceId() {
        return device.deviceId();
    }

    ConnectionState state() {
        return policy.state();
    }

    boolean connected() {
        return policy.connected();
    }

    /** True while the platform refuses the device's login (bad auth info, unknown device). */
    boolean refused() {
        return policy.refused();
    }

    String lastError() {
        return policy.lastError();
    }

    /** Logs in after the pacer's slot. */
    void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        policy.move(ConnectionState.CONNECTING);
        scheduler.schedule(() -> {
            synchronized (this) {
                if (!closing) {
                    connecting = client.connect(HiveMqInboundLimit.connect(keepAliveSeconds, maxInboundBytes));
                }
            }
        }, pacer.delayMillis(0), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes once the admission lets it ({@link PublishAdmission}): at once without a rate, else in its slot on the
     * gateway's worker, in the order of the calls (a slot is never earlier than one taken before it, and the worker
     * runs tasks of one time in the order they came).
     *
     * @throws PublishRefusedException     a rule or the QoS refuses it: nothing sent
     * @throws DeviceNotConnectedException the device is not connected: nothing sent
     */
    void publishAsync(String topic, byte[] payload, int qos, Consumer<Throwable> done)
            throws PublishRefusedException, DeviceNotConnectedException {
        policy.admit(topic, payload.length, qos, false);
        PublishAdmission admission = policy.admission();
        if (!admission.limited()) {
            send(topic, payload, qos, done);
            return;
        }
        scheduler.schedule(() -> {
            if (connected()) {
                send(topic, payload, qos, done);
            } else {
                done.accept(new DeviceNotConnectedException(device.deviceId(), brokerUrl, topic));
            }
        }, admission.slotNanos(), TimeUnit.NANOSECONDS);
    }

    private void send(String topic, byte[] payload, int qos, Consumer<Throwable> done) {
        client.publishWith().topic(topic).qos(qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .payload(payload).send()
                .orTimeout(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((published, failure) -> done.accept(failure == null ? null
                        : new GatewayPublishException(device.deviceId(), topic, failure)));
    }

    /**
     * Disconnects for good; completes when the DISCONNECT went out (or at once if not connected). A login still under
     * way is let finish and then disconnected: disconnecting a client that is still connecting does nothing, and the
     * connection would come up afterwards, beside the device's new owner (a cluster hand-over).
     */
    CompletableFuture<Void> close() {
        CompletableFuture<?> login;
        synchronized (this) {
            closing = true;
            login = connecting;
        }
        policy.close();
        CompletableFuture<?> settled = login == null ? CompletableFuture.completedFuture(null)
                : login.handle((ignored, failed) -> null);
        return settled.thenCompose(ignored -> client.disconnect().handle((done, notConnected) -> null));
    }

    private void loggedIn() {
        if (closing) {
            // an automatic reconnect that was already under way when the device was closed: not wanted
            client.disconnect();
            return;
        }
        // OneNET pushes $creq without a subscription (and refuses one on a $ topic); a plain broker needs it
        client.subscribeWith().topicFilter(COMMANDS).qos(MqttQos.AT_LEAST_ONCE).send()
                .whenComplete((ack, e) -> {
                    if (e != null && !policy.tolerated(COMMANDS)) {
                        LOG.warn("Device {}: SUBSCRIBE {} failed: {}", device.deviceId(), COMMANDS, e.getMessage());
                    }
                });
        policy.loggedIn();
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        if (closing || context.getSource() == MqttDisconnectSource.USER) {
            return;
        }
        Throwable cause = context.getCause();
        long backoff;
        if (cause instanceof Mqtt3ConnAckException refusal) {
            backoff = policy.failed(ConnackCodes.explain(refusal.getMqttMessage().getReturnCode().getCode()), true);
        } else {
            backoff = policy.failed(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), false);
        }
        // every login of the gateway's devices in its slot of the pace
        context.getReconnector().reconnect(true).delay(pacer.delayMillis(backoff), TimeUnit.MILLISECONDS);
    }
}
