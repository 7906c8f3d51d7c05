package io.camelonenet.connection;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber to {@code up/data} on a test's broker, logged in as {@code subscriber} of product {@code product-1}
 * (key {@code k}): what arrived, in order, and when.
 */
final class Received implements AutoCloseable {

    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    Received(int port) throws Exception {
        client = new MqttClient("tcp://127.0.0.1:" + port, "subscriber", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrivalNanos.add(System.nanoTime());
                bodies.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName("product-1");
        options.setPassword("k".toCharArray());
        options.setMaxInflight(1000);
        client.connect(options);
        client.subscribe("up/data", 1);
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        client.close();
    }
}
