package io.camelonenet.connection;

import io.camelonenet.inbound.LogText;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Paho client that every camel-paho endpoint of one device shares ({@code client=#bean:...}), adapted to OneNET:
 * <ul>
 *   <li>A subscription is remembered and (re)sent whenever the connection comes up, so a consumer route starts even
 *       while the broker is unreachable, and subscriptions survive reconnects.</li>
 *   <li>OneNET answers SUBACK 0x80 to any SUBSCRIBE on a {@code $} topic but pushes {@code $creq/...} anyway. Paho
 *       throws on 0x80, which would stop a paho consumer route from starting; for {@code $} topics the refusal is
 *       logged and accepted. On a plain broker the same subscription is granted and needed.</li>
 *   <li>camel-paho's consumer replaces the client's single callback; this client keeps its own connection-loss
 *       listener and forwards everything else to the route's callback, but only while that consumer runs: it
 *       leaves its callback behind when it stops (it never owned the client), and a command arriving then would
 *       enter a route whose processors are stopping, be acknowledged and get lost. Dropped instead, it stays
 *       unanswered, as when the device is offline: the platform times it out, and sends a legacy command again at
 *       the next login.</li>
 *   <li>Publishing while disconnected fails at once with {@link DeviceNotConnectedException}.</li>
 * </ul>
 * Camel never connects or closes a shared client: {@link DeviceConnection} owns its lifecycle.
 */
final class SharedDeviceClient extends MqttClient {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDeviceClient.class);

    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final Consumer<Throwable> connectionLostListener;
    private final SessionPolicy policy;
    private final PublishAdmission admission;
    private volatile MqttCallback routeCallback;
    /** Whether camel-paho's consumer on this client runs; unknown (and so assumed) outside a Camel context. */
    private volatile BooleanSupplier consumerRunning = () -> true;
    /** Whether the current callback is camel-paho's, which may outlive its consumer, or the owner's own listener. */
    private volatile boolean routeCallbackIsConsumers;

    SharedDeviceClient(String brokerUrl, String clientId, Consumer<Throwable> connectionLostListener,
                       SessionPolicy policy) throws MqttException {
        super(brokerUrl, clientId, new MemoryPersistence());
        this.connectionLostListener = connectionLostListener;
        this.policy = policy;
        this.admission = policy.admission();
        super.setCallback(new Dispatcher());
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        publish(topic, message);
    }

    @Override
    public void setCallback(MqttCallback callback) {
        if (routeCallback != null && callback != null && routeCallback != callback) {
            // Paho has one callback per client: a second paho consumer on this device would silently take over
            LOG.warn("A second consumer replaced the message callback of device {}: only one inbound route per device "
                    + "receives messages; dispatch on the CamelMqttTopic header instead", getClientId());
        }
        this.routeCallback = callback;
        this.routeCallbackIsConsumers = true;
    }

    /** The owner's own message listener in place of a paho consumer: it is never left behind, so never gated. */
    void setListener(MqttCallback listener) {
        this.routeCallback = listener;
        this.routeCallbackIsConsumers = false;
    }

    /** Tells whether the paho consumer that set the callback still runs (see the class comment). */
    void gateConsumer(BooleanSupplier running) {
        this.consumerRunning = running;
    }

    @Override
    public void subscribe(String topicFilter, int qos) throws MqttException {
        synchronized (subscriptions) {
            subscriptions.put(topicFilter, qos);
        }
        if (isConnected()) {
            subscribeNow(topicFilter, qos);
        } else {
            LOG.info("Device {} is not connected yet: SUBSCRIBE {} will be sent when it is", getClientId(), topicFilter);
        }
    }

    @Override
    public void unsubscribe(String topicFilter) throws MqttException {
        synchronized (subscriptions) {
            subscriptions.remove(topicFilter);
        }
        if (isConnected()) {
            super.unsubscribe(topicFilter);
        }
    }

    @Override
    public void publish(String topic, MqttMessage message) throws MqttException {
        admit(topic, message, 0);
        super.publish(topic, message);
    }

    /**
     * Publishes without waiting for the broker: {@code done} gets {@code null} once the PUBACK arrived (QoS 1) or the
     * message was written (QoS 0), else the failure. Paho keeps the order of the calls on the wire. {@code done} runs
     * on Paho's callback thread: it must hand off anything that blocks. For a message the platform waits for only
     * until {@code deadlineMillis} (epoch; 0 for none), when the rate would let it go only after that, it fails at
     * once with {@link AnswerExpiredException}, nothing sent.
     */
    void publishAsync(String topic, byte[] payload, int qos, boolean retained, long deadlineMillis,
                      Consumer<Throwable> done) throws MqttException {
        // checked before Paho sees the QoS: its own check throws an IllegalArgumentException that names no topic
        admission.check(topic, payload.length, qos, retained);
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        pace(topic, deadlineMillis);
        try {
            publishQueued(topic, message, done);
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                // the connection dropped between the check and the hand-off: nothing went out
                throw new DeviceNotConnectedException(getClientId(), getServerURI(), topic);
            }
            throw e;
        }
    }

    private void publishQueued(String topic, MqttMessage message, Consumer<Throwable> done) throws MqttException {
        aClient.publish(topic, message, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.accept(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.accept(failure);
            }
        });
    }

    /**
     * The platform's rules and the rate limit first (waiting for the rate no longer than until {@code deadlineMillis},
     * when there is one); then nothing goes out while disconnected.
     */
    private void admit(String topic, MqttMessage message, long deadlineMillis) throws MqttException {
        admission.check(topic, message.getPayload().length, message.getQos(), message.isRetained());
        pace(topic, deadlineMillis);
    }

    /** Waits for the publish's slot of the rate, then refuses it if the device is not connected. */
    private void pace(String topic, long deadlineMillis) throws DeviceNotConnectedException {
        long wait = deadlineMillis > 0 ? admission.slotBeforeNanos(topic, deadlineMillis) : admission.slotNanos();
        // the caller's own thread (a forwarder lane, the answer queue's) waits for the slot, never Paho's
        Pacer.await(wait);
        if (!isConnected()) {
            throw new DeviceNotConnectedException(getClientId(), getServerURI(), topic);
        }
    }

    /** Sends every remembered subscription again; called after each successful CONNECT. */
    void resubscribeAll() {
        Map<String, Integer> current;
        synchronized (subscriptions) {
            current = new LinkedHashMap<>(subscriptions);
        }
        for (Map.Entry<String, Integer> subscription : current.entrySet()) {
            try {
                subscribeNow(subscription.getKey(), subscription.getValue());
            } catch (MqttException e) {
                LOG.warn("Device {}: SUBSCRIBE {} failed: {}", getClientId(), subscription.getKey(),
                        ConnackCodes.explain(e));
            }
        }
    }

    private void subscribeNow(String topicFilter, int qos) throws MqttException {
        try {
            super.subscribe(new String[] {topicFilter}, new int[] {qos});
            LOG.info("Device {} subscribed to {} (QoS {})", getClientId(), topicFilter, qos);
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_SUBSCRIBE_FAILED || !policy.tolerated(topicFilter)) {
                throw e;
            }
        }
    }

    /** The one Paho callback: connection events to the owner, messages to the route. */
    private final class Dispatcher implements MqttCallbackExtended {

        @Override
        public void connectionLost(Throwable cause) {
            connectionLostListener.accept(cause);
            MqttCallback route = routeCallback;
            if (route != null) {
                route.connectionLost(cause);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            MqttCallback route = routeCallback;
            if (route == null) {
                LOG.warn("Device {} received a message on {} before any route consumes messages; dropped",
                        getClientId(), LogText.of(topic));
                return;
            }
            if (routeCallbackIsConsumers && !consumerRunning.getAsBoolean()) {
                LOG.info("Device {} received a message on {} while its route stops; not taken nor answered: the platform "
                        + "times it out (and sends a legacy command again at the next login)", getClientId(),
                        LogText.of(topic));
                return;
            }
            route.messageArrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            MqttCallback route = routeCallback;
            if (route != null) {
                route.deliveryComplete(token);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // DeviceConnection resubscribes itself after each connect; nothing to forward
        }
    }
}
