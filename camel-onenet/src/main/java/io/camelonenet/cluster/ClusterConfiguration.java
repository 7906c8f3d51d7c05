package io.camelonenet.cluster;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code onenet-cluster} options, one class for the component and its endpoint, named as camel-kafka names them
 * ({@code brokers}, {@code groupId}, {@code clientId}, {@code additionalProperties.*}): set once on the component
 * ({@code camel.component.onenet-cluster.brokers}) or in the URI. The app's wiring fills it from
 * {@code onenet.cluster.*}; the defaults are {@link ClusterOptions}'.
 */
@UriParams
public class ClusterConfiguration implements Cloneable {

    @UriParam(description = "Kafka's bootstrap servers, host:port[,host:port]")
    @Metadata(required = true)
    private String brokers;
    @UriParam(defaultValue = ClusterOptions.DEFAULT_TOPIC, description = "The readings topic, keyed by device id")
    private String topic;
    @UriParam(defaultValue = ClusterOptions.DEFAULT_GROUP_ID, description = "The consumer group every instance joins")
    private String groupId;
    @UriParam(description = "This instance's name in the group (default camel-onenet-<host>-<pid>)")
    private String clientId;
    @UriParam(defaultValue = "" + ClusterOptions.DEFAULT_WINDOW, description = "The most readings of a partition"
            + " consumed and not yet committed: the bound of duplicates after a crash")
    private Integer window;
    @UriParam(defaultValue = "" + ClusterOptions.DEFAULT_WINDOW_BYTES, description = "The most bytes of readings"
            + " consumed and not yet settled, all partitions together; also the consumer's fetch.max.bytes")
    private Long windowBytes;
    @UriParam(defaultValue = "" + ClusterOptions.DEFAULT_HANDOVER_TIMEOUT_MS, description = "On a rebalance, the"
            + " milliseconds a revoked partition's readings in flight may take before its devices disconnect anyway")
    private Long handoverTimeout;
    @UriParam(defaultValue = "" + ClusterOptions.DEFAULT_SESSION_TIMEOUT_MS, description = "The group's session"
            + " timeout in milliseconds (6000 to 300000): how soon the others take over a crashed instance's devices")
    private Long sessionTimeout;
    @UriParam(label = "advanced", prefix = "additionalProperties.", multiValue = true, description = "More Kafka"
            + " consumer properties (TLS, SASL), as additionalProperties.security.protocol=SSL; those the commit logic"
            + " depends on cannot be overridden")
    private Map<String, Object> additionalProperties = new HashMap<>();
    @UriParam(description = "Where a record that names no device of the cluster goes, an endpoint URI; unset: the"
            + " bundled routes' dead-letter route, else the dead-letter log")
    private String deadLetterUri;

    /** An endpoint's own copy, so that its URI options do not change the component's. */
    public ClusterConfiguration copy() {
        try {
            ClusterConfiguration copy = (ClusterConfiguration) clone();
            copy.additionalProperties = new HashMap<>(additionalProperties);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Sets every option from {@code options} (the app's wiring). */
    public static ClusterConfiguration of(ClusterOptions options) {
        ClusterConfiguration configuration = new ClusterConfiguration();
        configuration.brokers = options.bootstrapServers();
        configuration.topic = options.topic();
        configuration.groupId = options.groupId();
        configuration.clientId = options.clientId();
        configuration.window = options.window();
        configuration.windowBytes = options.windowBytes();
        configuration.handoverTimeout = options.handoverTimeout().toMillis();
        configuration.sessionTimeout = options.sessionTimeout().toMillis();
        configuration.additionalProperties = new HashMap<>(options.kafkaProperties());
        return configuration;
    }

    /** The checked options, defaults applied; a mistake names the option. */
    ClusterOptions options(String endpoint) {
        if (brokers == null || brokers.isBlank()) {
            throw new IllegalArgumentException(endpoint + ": option brokers is missing (Kafka's bootstrap servers)");
        }
        long session = sessionTimeout != null ? sessionTimeout : ClusterOptions.DEFAULT_SESSION_TIMEOUT_MS;
        if (session < ClusterOptions.MIN_SESSION_TIMEOUT_MS || session > ClusterOptions.MAX_SESSION_TIMEOUT_MS) {
            throw new IllegalArgumentException(endpoint + ": option sessionTimeout must be between "
                    + ClusterOptions.MIN_SESSION_TIMEOUT_MS + " and " + ClusterOptions.MAX_SESSION_TIMEOUT_MS
                    + " ms (the broker's allowed range by default), not " + session);
        }
        return new ClusterOptions(brokers.strip(), text(endpoint, "topic", topic, ClusterOptions.DEFAULT_TOPIC),
                text(endpoint, "groupId", groupId, ClusterOptions.DEFAULT_GROUP_ID),
                (int) positive(endpoint, "window", window, ClusterOptions.DEFAULT_WINDOW),
                positive(endpoint, "windowBytes", windowBytes, ClusterOptions.DEFAULT_WINDOW_BYTES),
                Duration.ofMillis(positive(endpoint, "handoverTimeout", handoverTimeout,
                        ClusterOptions.DEFAULT_HANDOVER_TIMEOUT_MS)),
                Duration.ofMillis(session),
                clientId == null || clientId.isBlank() ? ClusterOptions.defaultClientId() : clientId.strip(),
                additionalProperties);
    }

    private static String text(String endpoint, String option, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(endpoint + ": option " + option + " must not be empty");
        }
        return value.strip();
    }

    private static long positive(String endpoint, String option, Number value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.longValue() <= 0) {
            throw new IllegalArgumentException(endpoint + ": option " + option + " must be positive, not " + value);
        }
        return value.longValue();
    }

    public String getBrokers() {
        return brokers;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Integer getWindow() {
        return window;
    }

    public void setWindow(Integer window) {
        this.window = window;
    }

    public Long getWindowBytes() {
        return windowBytes;
    }

    public void setWindowBytes(Long windowBytes) {
        this.windowBytes = windowBytes;
    }

    public Long getHandoverTimeout() {
        return handoverTimeout;
    }

    public void setHandoverTimeout(Long handoverTimeout) {
        this.handoverTimeout = handoverTimeout;
    }

    public Long getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(Long sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    public void setAdditionalProperties(Map<String, Object> additionalProperties) {
        this.additionalProperties = additionalProperties;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }
}
