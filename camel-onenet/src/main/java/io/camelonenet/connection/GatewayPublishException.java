package io.camelonenet.connection;

/**
 * A gateway device's publish did not complete: the connection went down with it in flight, or no PUBACK came in
 * time. The broker may or may not have the message, so the buffer sends it again and counts a possible duplicate.
 */
public class GatewayPublishException extends RuntimeException {

    GatewayPublishException(String deviceId, String topic, Throwable cause) {
        super("device " + deviceId + ": publish to " + topic + " did not complete: "
                + (cause instanceof java.util.concurrent.TimeoutException ? "no PUBACK in "
                + GatewayDeviceConnection.PUBLISH_TIMEOUT_SECONDS + " s"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage())),
                cause);
    }
}
