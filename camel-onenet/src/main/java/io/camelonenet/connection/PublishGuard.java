package io.camelonenet.connection;

/**
 * Checks a publish against the platform's rules before it is sent, so a mistake becomes an error in the route instead
 * of a disconnect or a ban by the platform.
 */
@FunctionalInterface
public interface PublishGuard {

    /** @throws IllegalArgumentException naming the rule the publish breaks */
    void check(String topic, int payloadBytes, int qos, boolean retained);

    PublishGuard NONE = (topic, payloadBytes, qos, retained) -> { };
}
