package io.camelonenet.connection;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one device logs in and stays logged in.
 *
 * @param brokerUrl             {@code tcp://host:port}
 * @param clientId              the MQTT client id (OneNET legacy: the device id)
 * @param userName              the MQTT user name (OneNET: the product id)
 * @param password              asked before every CONNECT (OneNET legacy: the device's auth info)
 * @param keepAliveSeconds      MQTT keep-alive; OneNET's legacy endpoint wants at least 120
 * @param connectTimeoutSeconds how long one CONNECT may take
 * @param initialReconnectDelay first wait after a failure; doubles per failure, with jitter
 * @param maxReconnectDelay     the cap of that wait; reconnecting never stops
 * @param maxInflight           QoS 1 messages in flight; Paho's default of 10 throws 32202 under bursts
 * @param tls                   for {@code ssl://} URLs: whom to trust ({@link TlsTrust}), or {@code null} for the Java
 *                              runtime's default trust store
 * @param guard                 the platform's publish rules, checked before every publish
 * @param maxPublishRate        publishes per second at most (0: no limit); the platform counts every publish of the
 *                              device, so the limit covers replies too; excess publishes wait
 * @param maxInboundBytes       the largest MQTT packet the device reads (its remaining length): a larger one closes
 *                              the connection before its payload is read, so it cannot exhaust the heap
 */
public record ConnectionSettings(String brokerUrl, String clientId, String userName, PasswordSource password,
                                 int keepAliveSeconds, int connectTimeoutSeconds, Duration initialReconnectDelay,
                                 Duration maxReconnectDelay, int maxInflight, SSLContext tls, PublishGuard guard,
                                 double maxPublishRate, int maxInboundBytes) {

    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 120;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final Duration DEFAULT_INITIAL_RECONNECT_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_INFLIGHT = 1000;
    /** Room in an inbound packet beside its payload: the topic (at most 65,535 bytes), its length, a packet id. */
    public static final int INBOUND_TOPIC_ALLOWANCE = 65_535 + 2 + 2;
    /** OneNET's commands are under 64 KB. */
    public static final int DEFAULT_MAX_INBOUND_PAYLOAD = 65_536;

    public ConnectionSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(password, "password");
        if (initialReconnectDelay.isNegative() || initialReconnectDelay.isZero()) {
            throw new IllegalArgumentException("initial reconnect delay must be positive");
        }
        if (maxInboundBytes <= 0) {
            throw new IllegalArgumentException("the inbound packet limit must be positive");
        }
        if (maxReconnectDelay.compareTo(initialReconnectDelay) < 0) {
            throw new IllegalArgumentException("max reconnect delay " + maxReconnectDelay.toMillis()
                    + " ms is shorter than the initial delay " + initialReconnectDelay.toMillis() + " ms");
        }
    }

    /** Settings with the defaults above for everything but the identity. */
    public static ConnectionSettings of(String brokerUrl, String clientId, String userName, PasswordSource password) {
        return new ConnectionSettings(brokerUrl, clientId, userName, password, DEFAULT_KEEP_ALIVE_SECONDS,
                DEFAULT_CONNECT_TIMEOUT_SECONDS, DEFAULT_INITIAL_RECONNECT_DELAY, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_MAX_INFLIGHT, null, PublishGuard.NONE, 0,
                DEFAULT_MAX_INBOUND_PAYLOAD + INBOUND_TOPIC_ALLOWANCE);
    }

    public ConnectionSettings withMaxReconnectDelay(Duration delay) {
        return with(copy -> {
            copy.maxReconnectDelay = delay;
            if (initialReconnectDelay.compareTo(delay) > 0) {
                copy.initialReconnectDelay = delay;
            }
        });
    }

    public ConnectionSettings withKeepAliveSeconds(int seconds) {
        return with(copy -> copy.keepAliveSeconds = seconds);
    }

    /** Trust these CAs for an {@code ssl://} broker URL. */
    public ConnectionSettings withTls(SSLContext trust) {
        return with(copy -> copy.tls = trust);
    }

    public ConnectionSettings withGuard(PublishGuard rules) {
        return with(copy -> copy.guard = rules);
    }

    /** The largest MQTT packet the device reads (its remaining length). */
    public ConnectionSettings withMaxInboundBytes(int bytes) {
        return with(copy -> copy.maxInboundBytes = bytes);
    }

    public ConnectionSettings withMaxPublishRate(double perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("the publish rate limit must not be negative");
        }
        return with(copy -> copy.maxPublishRate = perSecond);
    }

    /** Inbound packets may carry payloads of up to {@code payloadBytes} (plus their topic), no more. */
    public ConnectionSettings withMaxInboundPayload(int payloadBytes) {
        if (payloadBytes <= 0) {
            throw new IllegalArgumentException("the inbound payload limit must be positive");
        }
        return withMaxInboundBytes((int) Math.min(Integer.MAX_VALUE, (long) payloadBytes + INBOUND_TOPIC_ALLOWANCE));
    }

    /** These settings with what {@code change} sets on a copy of them; checked again as a whole. */
    private ConnectionSettings with(Consumer<Copy> change) {
        Copy copy = new Copy();
        change.accept(copy);
        return new ConnectionSettings(brokerUrl, clientId, userName, password, copy.keepAliveSeconds,
                connectTimeoutSeconds, copy.initialReconnectDelay, copy.maxReconnectDelay, maxInflight, copy.tls,
                copy.guard, copy.maxPublishRate, copy.maxInboundBytes);
    }

    /** The settings a {@code with...} method may change, starting from these settings' values. */
    private final class Copy {
        int keepAliveSeconds = ConnectionSettings.this.keepAliveSeconds;
        Duration initialReconnectDelay = ConnectionSettings.this.initialReconnectDelay;
        Duration maxReconnectDelay = ConnectionSettings.this.maxReconnectDelay;
        SSLContext tls = ConnectionSettings.this.tls;
        PublishGuard guard = ConnectionSettings.this.guard;
        double maxPublishRate = ConnectionSettings.this.maxPublishRate;
        int maxInboundBytes = ConnectionSettings.this.maxInboundBytes;
    }

    public boolean usesTls() {
        return brokerUrl.startsWith("ssl://");
    }

    @Override
    public String toString() {
        // the password is a secret and never printed
        return "ConnectionSettings[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", userName=" + userName
                + ", keepAlive=" + keepAliveSeconds + "s, maxReconnectDelay=" + maxReconnectDelay.toMillis() + "ms]";
    }
}
