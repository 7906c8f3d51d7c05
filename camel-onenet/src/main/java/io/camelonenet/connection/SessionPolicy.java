package io.camelonenet.connection;

import io.camelonenet.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What a device's MQTT session does whatever client carries it (Paho for one device, HiveMQ for each device of a
 * legacy gateway): where it stands ({@link ConnectionState}, every change reported), how long it waits before the
 * next login (jittered exponential backoff, reset by a login), how a failure is explained (CONNACK codes in OneNET's
 * terms, {@link ConnackCodes}) and logged (once per distinct reason, not once per attempt), and what a publish must
 * pass ({@link PublishAdmission}: the platform's rules, a QoS the session carries, the rate, a connection). The
 * adapters keep only what their client needs: opening the socket, subscribing, sending.
 */
final class SessionPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPolicy.class);

    private final String deviceId;
    private final String brokerUrl;
    private final Backoff backoff;
    private final PublishAdmission admission;
    /** A single device logs its state changes at INFO; 10,000 devices of a gateway at DEBUG. */
    private final boolean quiet;
    private final Consumer<ConnectionState> changed;
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEW);
    private int failures;
    private volatile String lastError;
    /** When the state last changed (epoch milliseconds): the status page's "since". */
    private volatile long stateSince = System.currentTimeMillis();
    private volatile boolean refused;

    SessionPolicy(String deviceId, ConnectionSettings settings, PublishAdmission admission, boolean quiet,
                  Consumer<ConnectionState> changed) {
        this.deviceId = deviceId;
        this.brokerUrl = settings.brokerUrl();
        this.backoff = Backoff.jittered(settings.initialReconnectDelay(), settings.maxReconnectDelay());
        this.admission = admission;
        this.quiet = quiet;
        this.changed = changed;
    }

    ConnectionState state() {
        return state.get();
    }

    boolean connected() {
        return state.get() == ConnectionState.CONNECTED;
    }

    /** Closed, or handed over ({@code NEW} after a suspend): no login, no reconnect. */
    boolean idle() {
        ConnectionState now = state.get();
        return now == ConnectionState.CLOSED || now == ConnectionState.NEW;
    }

    PublishAdmission admission() {
        return admission;
    }

    /**
     * Admits a publish: the rules and the QoS first, then the connection.
     *
     * @throws PublishRefusedException     a rule or the QoS refuses it: nothing sent
     * @throws DeviceNotConnectedException not connected: nothing sent
     */
    void admit(String topic, int payloadBytes, int qos, boolean retained)
            throws PublishRefusedException, DeviceNotConnectedException {
        admission.check(topic, payloadBytes, qos, retained);
        if (!connected()) {
            throw new DeviceNotConnectedException(deviceId, brokerUrl, topic);
        }
    }

    /** Why the last login failed or the connection was lost, in OneNET's terms; {@code null} after a login. */
    long stateSince() {
        return stateSince;
    }

    String lastError() {
        return lastError;
    }

    /** True while the platform refuses the device's login (a CONNACK other than 0). */
    boolean refused() {
        return refused;
    }

    /** Logged in (CONNACK 0, subscriptions sent): the backoff starts again from its first step. */
    void loggedIn() {
        synchronized (this) {
            failures = 0;
        }
        refused = false;
        lastError = null;
        move(ConnectionState.CONNECTED);
    }

    /**
     * A login failed or the connection was lost, for {@code reason} ({@code refusal}: the platform answered with a
     * CONNACK code). Logs it unless it is the reason logged last, moves to DISCONNECTED, and returns how long to wait
     * before the next login.
     */
    long failed(String reason, boolean refusal) {
        int attempt;
        synchronized (this) {
            attempt = ++failures;
        }
        long delay = backoff.delayMillis(attempt);
        if (!reason.equals(lastError)) {
            LOG.warn("Device {} {} {}: {}; trying again in {} ms", deviceId,
                    state.get() == ConnectionState.CONNECTED ? "lost its connection to" : "cannot log in to",
                    brokerUrl, reason, delay);
        }
        lastError = reason;
        refused = refusal;
        move(ConnectionState.DISCONNECTED);
        return delay;
    }

    /** Moves to {@code next} unless closed; returns whether the state changed. */
    boolean move(ConnectionState next) {
        ConnectionState previous = state.get();
        return previous != ConnectionState.CLOSED && moveFrom(previous, next);
    }

    /** Moves from {@code expected} to {@code next}; returns whether the state changed. */
    boolean moveFrom(ConnectionState expected, ConnectionState next) {
        if (expected == next || !state.compareAndSet(expected, next)) {
            return false;
        }
        stateSince = System.currentTimeMillis();
        log("Device {}: {} -> {}", expected, next);
        changed.accept(next);
        return true;
    }

    /** Closes for good; returns the state it was in, or null if it was closed already. */
    ConnectionState close() {
        ConnectionState previous = state.getAndSet(ConnectionState.CLOSED);
        if (previous == ConnectionState.CLOSED) {
            return null;
        }
        stateSince = System.currentTimeMillis();
        log("Device {}: {} -> {}", previous, ConnectionState.CLOSED);
        changed.accept(ConnectionState.CLOSED);
        return previous;
    }

    /**
     * OneNET refuses (SUBACK 0x80) every subscription on a {@code $} topic and pushes those topics anyway, so such a
     * refusal is tolerated; returns whether this one is (any other refusal is an error).
     */
    boolean tolerated(String refusedTopicFilter) {
        if (!refusedTopicFilter.startsWith("$")) {
            return false;
        }
        if (quiet) {
            LOG.debug("Device {}: SUBSCRIBE {} refused (SUBACK 0x80) as OneNET does for its system topics; it pushes "
                    + "them without a subscription", deviceId, refusedTopicFilter);
        } else {
            LOG.info("Device {}: SUBSCRIBE {} refused (SUBACK 0x80) as OneNET does for its system topics; it pushes "
                    + "them without a subscription", deviceId, refusedTopicFilter);
        }
        return true;
    }

    private void log(String format, ConnectionState from, ConnectionState to) {
        if (quiet) {
            LOG.debug(format, deviceId, from, to);
        } else {
            LOG.info(format, deviceId, from, to);
        }
    }
}
