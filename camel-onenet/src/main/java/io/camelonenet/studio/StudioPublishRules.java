package io.camelonenet.studio;

import io.camelonenet.connection.PublishGuard;

import java.util.regex.Pattern;

/**
 * The current platform's publish rules (docs/protocol-notes.md, Current platform topics and limits), any of which the platform answers with a
 * disconnect: QoS 0 or 1 only, no retain, only the device's own {@code $sys} topics in {@code [A-Za-z0-9/_-]} with at
 * most 8 levels, at most 256 KB of payload.
 */
public final class StudioPublishRules implements PublishGuard {

    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final int MAX_TOPIC_LEVELS = 8;
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[A-Za-z0-9/_-]+");

    private final String ownPrefix;

    public StudioPublishRules(String productId, String deviceName) {
        this.ownPrefix = "$sys/" + productId + "/" + deviceName + "/";
    }

    @Override
    public void check(String topic, int payloadBytes, int qos, boolean retained) {
        if (qos > 1) {
            throw new IllegalArgumentException("QoS " + qos + ": OneNET takes QoS 0 and 1 only");
        }
        if (retained) {
            throw new IllegalArgumentException("retain is not supported by OneNET");
        }
        if (!topic.startsWith(ownPrefix)) {
            throw new IllegalArgumentException("a device may only publish under " + ownPrefix);
        }
        if (!TOPIC_CHARACTERS.matcher(topic.substring(1)).matches()) {
            throw new IllegalArgumentException("the topic may only contain letters, digits, '/', '_' and '-'");
        }
        int levels = topic.split("/", -1).length;
        if (levels > MAX_TOPIC_LEVELS) {
            throw new IllegalArgumentException("the topic has " + levels + " levels; at most " + MAX_TOPIC_LEVELS);
        }
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload is " + payloadBytes + " bytes; at most " + MAX_PAYLOAD_BYTES
                    + " (256 KB)");
        }
    }
}
