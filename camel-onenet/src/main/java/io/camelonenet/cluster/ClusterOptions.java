package io.camelonenet.cluster;

import java.time.Duration;

/**
 * How an instance joins the cluster.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param topic            the readings topic, keyed by device id
 * @param groupId          the consumer group every instance joins
 * @param window           the most readings of a partition consumed and not yet committed: the bound of
 *                         duplicates after a crash
 * @param windowBytes      the most bytes of readings consumed and not yet settled, all partitions together: the memory
 *                         they may hold (a partition past it is paused, as past its window); also the Kafka consumer's
 *                         {@code fetch.max.bytes} unless set in {@code kafkaProperties}
 * @param handoverTimeout  on a rebalance, how long the readings in flight of a revoked partition may take to be
 *                         acknowledged before its devices are disconnected anyway
 * @param sessionTimeout   the group's session timeout: how long after a crash the others take over
 * @param clientId         this instance's name in the group (logs, broker metrics)
 * @param kafkaProperties  more consumer properties (TLS, SASL: {@code security.protocol}, {@code sasl.*}); the ones
 *                         the commit logic depends on (auto commit, deserializers, assignor) cannot be overridden
 */
public record ClusterOptions(String bootstrapServers, String topic, String groupId, int window, long windowBytes,
                             Duration handoverTimeout, Duration sessionTimeout, String clientId,
                             java.util.Map<String, Object> kafkaProperties) {

    /** 16 MiB: a thousand readings of 16 KiB, or 16 of Kafka's largest records by default (1 MiB). */
    public static final long DEFAULT_WINDOW_BYTES = 16L << 20;
    public static final String DEFAULT_TOPIC = "onenet-readings";
    public static final String DEFAULT_GROUP_ID = "camel-onenet";
    public static final int DEFAULT_WINDOW = 1_000;
    public static final long DEFAULT_HANDOVER_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    /** The broker's group.min.session.timeout.ms and group.max.session.timeout.ms defaults: outside, it refuses. */
    public static final long MIN_SESSION_TIMEOUT_MS = 6_000;
    public static final long MAX_SESSION_TIMEOUT_MS = 300_000;

    public ClusterOptions {
        kafkaProperties = java.util.Map.copyOf(kafkaProperties);
    }

    public ClusterOptions(String bootstrapServers, String topic, String groupId, int window, Duration handoverTimeout,
                          Duration sessionTimeout, String clientId) {
        this(bootstrapServers, topic, groupId, window, DEFAULT_WINDOW_BYTES, handoverTimeout, sessionTimeout, clientId,
                java.util.Map.of());
    }

    /** host-pid: unique per process on a machine, readable in the broker's group listing. */
    public static String defaultClientId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return "camel-onenet-" + host + "-" + ProcessHandle.current().pid();
    }
}
