package io.camelonenet.connection;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A publish was attempted while the device is not logged in. Nothing was sent: OneNET discards packets that arrive
 * before CONNACK, so the project never sends any. The route's error handler decides whether to retry.
 */
public class DeviceNotConnectedException extends MqttException implements NothingSent {

    private final String detail;

    public DeviceNotConnectedException(String clientId, String brokerUrl, String topic) {
        super(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        this.detail = "device " + clientId + " is not connected to " + brokerUrl + "; nothing was published to "
                + topic + " (it reconnects on its own)";
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
