package io.camelonenet.gateway;

/**
 * Told of the readings the platform accepted, by sub-device ({@code productId/deviceName}; the gateway's own under
 * its own key): what the counters call {@code published} in every mode, the platform's acknowledgement.
 */
@FunctionalInterface
public interface AcceptedReadings {

    void accepted(String deviceId, int readings);
}
