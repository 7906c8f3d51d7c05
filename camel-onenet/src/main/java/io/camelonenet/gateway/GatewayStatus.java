package io.camelonenet.gateway;

import java.util.List;
import java.util.Map;

/** What health and metrics read of a gateway, whichever platform it speaks. */
public interface GatewayStatus {

    /** Devices (legacy) or sub-devices (current platform) in the devices file. */
    int configured();

    /** Those connected (legacy) or logged in through the gateway (current platform). */
    long online();

    /** The ids of the devices in the file, in its order (sub-devices: {@code pid/name}, their buffer keys). */
    List<String> deviceIds();

    /** Whether the device is connected (legacy) or logged in through the gateway (a sub-device). */
    boolean isConnected(String deviceId);

    /** Those the platform refuses (bad auth info, a sasToken refused, a login refused), by id, sorted. */
    List<String> refused();

    /** Whether this instance serves the device: all of them, or in a cluster those it owns now. */
    default boolean serves(String deviceId) {
        return true;
    }

    /**
     * Whether the platform has the sub-device bound to the gateway (its topology); {@code null} where devices are not
     * bound (a legacy gateway's devices each log in on their own).
     */
    default Boolean isBound(String deviceId) {
        return null;
    }

    /**
     * Why devices are refused or cannot connect, by id, for those that have such a reason: the platform's words for a
     * refusal, or a connection's last error (escaped where it quotes the wire).
     */
    default Map<String, String> problems() {
        return Map.of();
    }

    /** The platform's requests refused since start because the downlink queue was full. */
    long commandsRefused();

    /** Answers to the platform not sent since start: it had stopped waiting for them (none on the legacy endpoint). */
    default long answersDropped() {
        return 0;
    }
}
