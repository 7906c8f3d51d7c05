package io.camelonenet.connection;

import org.eclipse.paho.client.mqttv3.MqttException;

/** A publish broke a rule of the platform and was not sent; the message names the rule. */
public class PublishRefusedException extends MqttException implements NothingSent {

    private final String detail;

    public PublishRefusedException(String topic, String rule) {
        super(MqttException.REASON_CODE_CLIENT_EXCEPTION);
        this.detail = "not published to " + topic + ": " + rule;
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
