package io.camelonenet.connection;

import org.eclipse.paho.client.mqttv3.MqttException;

/** Explains Paho's connect failures in OneNET's terms (docs/protocol-notes.md, Legacy login). */
final class ConnackCodes {

    private ConnackCodes() {
    }

    /** The same for a CONNACK return code read by another client (the gateway's). */
    static String explain(int returnCode) {
        return switch (returnCode) {
            case 1, 2, 3, 4, 5 -> explain(new MqttException(returnCode));
            default -> "CONNACK " + returnCode;
        };
    }

    static String explain(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION ->
                    "CONNACK 1, unacceptable protocol version: OneNET accepts MQTT 3.1.1 only";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID ->
                    "CONNACK 2, client id rejected: the device id is not a device of this product";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "CONNACK 3, server unavailable";
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                    "CONNACK 4, bad user name or password: check the product id and the auth info (or token)";
            case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    "CONNACK 5, not authorized: an illegal connection, for example an invalid or expired token";
            default -> {
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof javax.net.ssl.SSLHandshakeException
                            || cause instanceof java.security.cert.CertificateException) {
                        yield "TLS handshake failed: the server's certificate does not verify against the trusted CA "
                                + "or does not name this host (" + cause.getMessage() + ")";
                    }
                }
                Throwable cause = e.getCause();
                String detail = cause == null ? "" : ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage());
                yield e.getMessage() + " (" + e.getReasonCode() + ")" + detail;
            }
        };
    }
}
