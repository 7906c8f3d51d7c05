package io.camelonenet.setup;

import io.camelonenet.cluster.ClusterOptions;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of a cluster: instances of the app in one Kafka consumer group, readings from a Kafka topic keyed by device
 * id, each instance connecting the devices of its partitions. Without {@code onenet.cluster.kafka.bootstrap-servers}
 * the app is a single gateway or device, exactly as before.
 *
 * @param bootstrapServers Kafka's bootstrap servers, or {@code null} outside a cluster
 * @param topic            the readings topic, keyed by device id
 * @param groupId          the consumer group all instances join
 * @param commandsTopic    where each command received for an owned device is written (keyed by device id)
 * @param window           the most readings of a partition past its commit point (the duplicates a crash can cause)
 * @param windowBytes      the most bytes of readings the instance holds consumed and not yet settled, all partitions
 *                         together (its memory for them; also the Kafka consumer's fetch.max.bytes)
 * @param handoverTimeout  how long a revoked partition's readings in flight may take before its devices disconnect
 * @param sessionTimeout   the group's session timeout: how soon the others take over a crashed instance's devices
 * @param instanceId       this instance's name in the group
 */
public record ClusterSettings(String bootstrapServers, String topic, String groupId, String commandsTopic, int window,
                              long windowBytes, Duration handoverTimeout, Duration sessionTimeout, String instanceId) {

    public static final String BOOTSTRAP_SERVERS = "onenet.cluster.kafka.bootstrap-servers";
    public static final String TOPIC = "onenet.cluster.kafka.topic";
    public static final String GROUP_ID = "onenet.cluster.kafka.group-id";
    public static final String COMMANDS_TOPIC = "onenet.cluster.kafka.commands-topic";
    public static final String SESSION_TIMEOUT = "onenet.cluster.kafka.session-timeout";
    public static final String WINDOW = "onenet.cluster.window";
    public static final String WINDOW_BYTES = "onenet.cluster.window-bytes";
    public static final String HANDOVER_TIMEOUT = "onenet.cluster.handover-timeout";
    public static final String INSTANCE_ID = "onenet.cluster.instance-id";

    public static ClusterSettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        String servers = config.text(BOOTSTRAP_SERVERS, "").strip();
        String topic = nonBlank(config, TOPIC, ClusterOptions.DEFAULT_TOPIC);
        String group = nonBlank(config, GROUP_ID, ClusterOptions.DEFAULT_GROUP_ID);
        String commands = nonBlank(config, COMMANDS_TOPIC, "onenet-commands");
        int window = config.intBetween(WINDOW, ClusterOptions.DEFAULT_WINDOW, 1, 1_000_000);
        long windowBytes = config.positive(WINDOW_BYTES, ClusterOptions.DEFAULT_WINDOW_BYTES, "bytes");
        Duration handover = Duration.ofMillis(config.positiveMillis(HANDOVER_TIMEOUT, ClusterOptions.DEFAULT_HANDOVER_TIMEOUT_MS));
        long session = config.positiveMillis(SESSION_TIMEOUT, ClusterOptions.DEFAULT_SESSION_TIMEOUT_MS);
        if (session < ClusterOptions.MIN_SESSION_TIMEOUT_MS || session > ClusterOptions.MAX_SESSION_TIMEOUT_MS) {
            // the broker's group.min/max.session.timeout.ms defaults: outside them it refuses the member
            throw new ConfigurationException(SESSION_TIMEOUT, "must be between 6000 and 300000 ms (the broker's "
                    + "allowed range by default), not " + session);
        }
        String instance = config.text(INSTANCE_ID, "").strip();
        if (instance.isEmpty()) {
            instance = ClusterOptions.defaultClientId();
        }
        return new ClusterSettings(servers.isEmpty() ? null : servers, topic, group, commands, window, windowBytes,
                handover, Duration.ofMillis(session), instance);
    }

    public boolean enabled() {
        return bootstrapServers != null;
    }

    private static String nonBlank(SettingsReader config, String key, String fallback) {
        String value = config.text(key, fallback).strip();
        if (value.isEmpty()) {
            throw new ConfigurationException(key, "must not be empty");
        }
        return value;
    }

}
