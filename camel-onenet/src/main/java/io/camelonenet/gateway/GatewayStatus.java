package io.camelonenet.gateway;

import java.util.List;

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

    /** The platform's requests refused since start because the downlink queue was full. */
    long commandsRefused();

    /** Answers to the platform not sent since start: it had stopped waiting for them (none on the legacy endpoint). */
    default long answersDropped() {
        return 0;
    }
}
