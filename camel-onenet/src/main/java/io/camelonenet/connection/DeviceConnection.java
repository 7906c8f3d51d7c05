package io.camelonenet.connection;

import io.camelonenet.support.WorkerThreads;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Service;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one MQTT connection of one device. OneNET drops the older connection when a client id logs in twice, so every
 * paho endpoint of the device uses the shared client {@link #bindClient bound} in the registry instead of opening its
 * own, {@code onenet-publish} publishes through {@link #publishAsync}, and the app adds subscriptions with
 * {@link #subscribe}.
 *
 * <p>Owns the whole lifecycle that camel-paho leaves to the owner of a shared client: the first login (attempted at
 * {@link #start()}, so routes usually start with a live connection), reconnecting forever with exponential backoff and
 * jitter, a fresh password (token) before every attempt, resubscribing after every reconnect, and a clean DISCONNECT
 * on {@link #close()}. MQTT 3.1.1 is set explicitly: Paho's default falls back to 3.1 after a refused connect, which
 * turns OneNET's CONNACK 4 into a misleading protocol-version error. Clean session, no will, keep-alive of 120 s.
 *
 * <p>This package is the only code that knows Paho; camel-paho is deprecated upstream and this is the seam where it
 * can be replaced.
 *
 * <p>Over 300 lines because the connection's state machine (first login, loss, scheduled reconnects, close) is one
 * piece: every transition runs on the connection's own thread and reads the same state, and splitting it would spread
 * that invariant over classes.
 */
public final class DeviceConnection implements Service, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    /**
     * The loggers of the MQTT client under this class, for an app that sets their level. A constant, so reading it
     * loads no class (logging is configured before anything else).
     */
    public static final String CLIENT_LOGGERS = "org.eclipse.paho";

    private final ConnectionSettings settings;
    private final SessionPolicy policy;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final SharedDeviceClient client;
    private final ScheduledExecutorService reconnects;
    /** How long to wait before the next login, as the policy said after the last failure (the connection's thread). */
    private long nextDelayMillis;
    private volatile Future<?> firstAttempt;
    private final ExecutorService completions;
    private final AnswerQueue answers;
    private CamelContext camelContext;

    public DeviceConnection(ConnectionSettings settings) {
        this.settings = settings;
        // MQTT 3.1.1's three levels: the legacy endpoint takes QoS 2 (docs/protocol-notes.md); the current
        // platform's guard refuses it
        this.policy = new SessionPolicy(settings.clientId(), settings,
                new PublishAdmission(settings.guard(), 2, "MQTT 3.1.1 has QoS 0, 1 and 2", settings.maxPublishRate()),
                false, this::notifyListeners);
        try {
            this.client = new SharedDeviceClient(settings.brokerUrl(), settings.clientId(), this::connectionLost,
                    policy);
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.brokerUrl() + ": "
                    + e.getMessage(), e);
        }
        this.reconnects = WorkerThreads.scheduled("onenet-connection-" + settings.clientId());
        // one thread keeps completions in the order Paho reports them, which is the order of the PUBACKs
        this.completions = Executors.newSingleThreadExecutor(WorkerThreads.daemon("onenet-publish-"
                + settings.clientId()));
        this.answers = new AnswerQueue(settings.clientId(),
                (topic, payload, qos, deadline, done) -> publishBefore(topic, payload, qos, false, deadline, done),
                this::complete);
    }

    /** Loads Paho's client classes and message catalog now rather than when the first connection is made. */
    public static void loadClientClasses() throws ClassNotFoundException {
        org.eclipse.paho.client.mqttv3.logging.LoggerFactory.getLogger(
                org.eclipse.paho.client.mqttv3.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, "preload");
        Class.forName(SharedDeviceClient.class.getName());
        Class.forName("org.eclipse.paho.client.mqttv3.internal.ClientComms");
    }

    /**
     * The shared client for camel-paho endpoints ({@code client=#bean:name}); outside this package it is bound with
     * {@link #bindClient}, and everything else reaches the connection through its own methods, so no other package
     * needs Paho's types.
     */
    MqttClient client() {
        return client;
    }

    /**
     * The context whose paho consumer takes this device's messages (set when the connection is added to it as a
     * service): messages reach that consumer only while it runs.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        client.gateConsumer(() -> PahoConsumers.running(camelContext, client));
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Binds the shared client under {@code name} for camel-paho endpoints ({@code client: "#bean:name"}). */
    public void bindClient(org.apache.camel.spi.Registry registry, String name) {
        registry.bind(name, MqttClient.class, client);
    }

    /**
     * Hands every message the device receives to {@code listener} (topic, payload), in place of a paho consumer: for
     * components that consume without camel-paho. It runs on Paho's thread, so it must hand off anything that blocks
     * or publishes; when it returns, a QoS 1 message is acknowledged.
     */
    public void onMessage(BiConsumer<String, byte[]> listener) {
        client.setListener(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the connection reports and reconnects itself
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.accept(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publishes complete through publishAsync
            }
        });
    }

    /**
     * Subscribes the device to {@code topicFilter}: sent now when connected, and again after every reconnect. Messages
     * arrive at the device's one inbound paho consumer. A SUBACK 0x80 on a {@code $} topic (OneNET refuses those and
     * pushes them anyway) is logged and tolerated.
     *
     * @throws IllegalStateException when the broker refuses any other subscription
     */
    public void subscribe(String topicFilter, int qos) {
        try {
            client.subscribe(topicFilter, qos);
        } catch (MqttException e) {
            throw new IllegalStateException("SUBSCRIBE " + topicFilter + " of device " + settings.clientId()
                    + " failed: " + ConnackCodes.explain(e), e);
        }
    }

    /**
     * Publishes without waiting for the broker; Paho keeps the order of the calls on the wire. {@code done} gets
     * {@code null} after the PUBACK (QoS 1) or once the message was written (QoS 0), else the failure; it runs on the
     * connection's completion thread, never on Paho's own, so it may block (a route waiting for the platform's
     * answer, which arrives on Paho's thread). A message the guard refuses, or any publish while disconnected, fails
     * here with an exception that says nothing was sent.
     */
    public void publishAsync(String topic, byte[] payload, int qos, boolean retained, Consumer<Throwable> done)
            throws MqttException {
        publishBefore(topic, payload, qos, retained, 0, done);
    }

    /**
     * Answers a request of the platform, which waits for it until {@code deadlineMillis} (epoch): queued and
     * published in order on a thread of the connection's own, at its rate, and dropped (counted, {@code done} gets an
     * {@link AnswerExpiredException}) if the rate would send it only after the deadline. Never blocks the caller, so
     * the MQTT client's own thread may answer. {@code done} runs as {@link #publishAsync}'s does.
     */
    public void answerAsync(String topic, byte[] payload, int qos, long deadlineMillis, Consumer<Throwable> done) {
        answers.offer(topic, payload, qos, deadlineMillis, done);
    }

    /** Answers the platform gave up on before the rate let them go, or that found too many waiting; never sent. */
    public long answersDropped() {
        return answers.dropped();
    }

    private void publishBefore(String topic, byte[] payload, int qos, boolean retained, long deadlineMillis,
                               Consumer<Throwable> done) throws MqttException {
        client.publishAsync(topic, payload, qos, retained, deadlineMillis,
                failure -> complete(() -> done.accept(failure)));
    }

    /** Runs a publish's completion on the connection's completion thread, never on Paho's own. */
    private void complete(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closed) {
            // the connection was closed under it: report on this thread rather than never
            completion.run();
        }
    }

    public ConnectionState state() {
        return policy.state();
    }

    /** When the state last changed, epoch milliseconds. */
    public long stateSince() {
        return policy.stateSince();
    }

    /** Logged in and subscribed: the state CONNECTED, and the client still up (a loss is being reported). */
    public boolean isConnected() {
        return policy.connected() && client.isConnected();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Why the last login attempt failed, in OneNET's terms, or {@code null} after a successful one. */
    public String lastError() {
        return policy.lastError();
    }

    /** Called on every state change, on the thread that caused it. */
    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
    }

    /**
     * Starts the first login on the connection's own thread and returns at once. An application calls it as soon as
     * it knows the settings, so the login (Paho's connect alone takes about 0.3 s) overlaps the rest of its start-up;
     * {@link #start()} then only waits for what is left of it.
     */
    public void startConnecting() {
        if (!policy.moveFrom(ConnectionState.NEW, ConnectionState.CONNECTING)) {
            return;
        }
        // attempts run on the connection's thread only, so they never overlap
        firstAttempt = reconnects.submit(() -> {
            if (!attempt()) {
                scheduleReconnect();
            }
        });
    }

    /**
     * Logs in once now (or waits for the login {@link #startConnecting()} began); if that fails, keeps trying in the
     * background. Returns either way: a device that starts while the broker is unreachable connects as soon as it
     * appears.
     */
    @Override
    public void start() {
        startConnecting();
        Future<?> attempt = firstAttempt;
        if (attempt == null) {
            return;
        }
        try {
            attempt.get(settings.connectTimeoutSeconds() + 5L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("first connect attempt of {} still running: {}", settings.clientId(), e.toString());
        }
    }

    /**
     * Logs out and stays out until {@link #startConnecting()} is called again: a cluster instance handing the gateway
     * over to the next owner, which must not find this session still up (the platform would drop one of the two).
     * Runs on the connection's own thread after any attempt under way; completes once the DISCONNECT went out.
     */
    public java.util.concurrent.CompletableFuture<Void> suspend() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        try {
            reconnects.execute(() -> {
                ConnectionState previous = policy.state();
                // handed over: connects again only when asked
                if (!policy.idle() && policy.moveFrom(previous, ConnectionState.NEW)) {
                    disconnectClient();
                }
                done.complete(null);
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            done.complete(null);
        }
        return done;
    }

    /** Same as {@link #close()}: a Camel context that owns this connection stops it after its routes. */
    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (policy.close() == null) {
            return;
        }
        reconnects.shutdownNow();
        answers.close();
        disconnectClient();
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the client of {} failed: {}", settings.clientId(), e.getMessage());
        }
        // after the client: what was still in flight has been reported by now
        completions.shutdown();
    }

    private void disconnectClient() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("DISCONNECT of {} failed: {}", settings.clientId(), e.getMessage());
            try {
                client.disconnectForcibly(0, 500);
            } catch (MqttException ignored) {
                // the socket is gone either way
            }
        }
    }

    /** One CONNECT with a fresh password; runs on the connection's thread only. */
    private boolean attempt() {
        if (policy.idle()) {
            // closed, or suspended while the attempt waited
            return true;
        }
        try {
            client.connect(connectOptions());
        } catch (MqttException e) {
            // reason codes 1 to 5 are the broker's CONNACK refusals
            boolean refusal = e.getReasonCode() >= 1 && e.getReasonCode() <= 5;
            nextDelayMillis = policy.failed(ConnackCodes.explain(e), refusal);
            return false;
        }
        // subscribed (SUBACK received) before anyone hears of the connection: a request a listener sends at once,
        // such as a gateway's topo/get, must find its reply topic subscribed
        client.resubscribeAll();
        policy.loggedIn();
        return true;
    }

    private MqttConnectOptions connectOptions() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setMaxInflight(settings.maxInflight());
        if (settings.usesTls()) {
            SSLSocketFactory tls = settings.tls() == null
                    ? (SSLSocketFactory) SSLSocketFactory.getDefault() : settings.tls().getSocketFactory();
            options.setSocketFactory(new NoDelaySslSocketFactory(tls, settings.maxInboundBytes()));
            // the server's certificate must name the host we asked for
            options.setHttpsHostnameVerificationEnabled(true);
        } else {
            options.setSocketFactory(new NoDelaySocketFactory(settings.maxInboundBytes()));
        }
        if (settings.userName() != null && !settings.userName().isEmpty()) {
            options.setUserName(settings.userName());
        }
        options.setPassword(settings.password().password());
        return options;
    }

    private void connectionLost(Throwable cause) {
        if (policy.idle()) {
            return;
        }
        try {
            reconnects.execute(() -> {
                nextDelayMillis = policy.failed(cause == null ? "no reason given" : cause.getMessage(), false);
                scheduleReconnect();
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // shutting down
        }
    }

    private void scheduleReconnect() {
        if (policy.idle()) {
            return;
        }
        try {
            reconnects.schedule(() -> {
                if (!policy.idle() && !client.isConnected()) {
                    policy.move(ConnectionState.CONNECTING);
                    if (!attempt()) {
                        scheduleReconnect();
                    }
                }
            }, nextDelayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // shutting down
        }
    }

    private void notifyListeners(ConnectionState next) {
        for (Consumer<ConnectionState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("connection state listener failed: {}", e.toString());
            }
        }
    }
}
