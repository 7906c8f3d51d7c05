package io.camelonenet.emulator;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A legacy device's Paho client logged in to an emulator, as the tests of the emulator log in. */
final class LegacyClients {

    private LegacyClients() {
    }

    /** Connects (MQTT 3.1.1, no automatic reconnect); a refused login closes the client and throws. */
    static MqttClient connect(OneNetEmulator onenet, String clientId, String product, String secret)
            throws MqttException {
        MqttClient client = new MqttClient(onenet.brokerUrl(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(product);
        options.setPassword(secret.toCharArray());
        options.setAutomaticReconnect(false);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
