package io.camelonenet.bench;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.util.function.BiConsumer;

/** A Paho callback that only hands arriving messages to {@code handler}: what every client of the harness needs. */
final class OnMessage implements MqttCallback {

    private final BiConsumer<String, MqttMessage> handler;

    OnMessage(BiConsumer<String, MqttMessage> handler) {
        this.handler = handler;
    }

    @Override
    public void connectionLost(Throwable cause) {
        // a lost connection shows as messages that never arrive, which the harness reports
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        handler.accept(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // the publishers wait on their own tokens
    }
}
