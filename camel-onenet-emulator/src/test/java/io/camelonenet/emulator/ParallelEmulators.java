package io.camelonenet.emulator;

import io.camelonenet.dp.DpCodec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What each of the two parallel test classes does with an emulator of its own: both wait at one barrier while their
 * emulators run, so the test fails unless the classes run at the same time, and each checks that its device logs in,
 * uploads and gets a command on its own emulator, and that its emulator refuses a wrong password.
 */
final class ParallelEmulators {

    /** Both classes are here at once, or neither passes. */
    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    private ParallelEmulators() {
    }

    static void run(String device) throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(device, "parallel", device + "-key")
                .build().start()) {
            BOTH_RUNNING.await(60, TimeUnit.SECONDS);
            List<String> commands = new CopyOnWriteArrayList<>();
            MqttClient client = connect(onenet, device, device + "-key");
            try {
                client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                        commands.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                    }

                    @Override
                    public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                    }
                });
                String json = "{\"datastreams\":[{\"id\":\"" + device + "\",\"datapoints\":[{\"value\":1}]}]}";
                client.publish("$dp", DpCodec.encodeFullJson(json.getBytes(StandardCharsets.UTF_8)), 1, false);
                await().atMost(Duration.ofSeconds(20)).until(() -> onenet.record().uploads().size() == 1);
                assertThat(onenet.record().uploads().get(0).deviceId()).isEqualTo(device);

                onenet.pushCommand(device, "hello " + device);
                await().atMost(Duration.ofSeconds(20)).until(() -> commands.contains("hello " + device));
                assertThatThrownBy(() -> connect(onenet, device + "-x", "wrong")).isInstanceOf(MqttException.class);
                BOTH_RUNNING.await(60, TimeUnit.SECONDS);
            } finally {
                client.disconnectForcibly(1000);
                client.close();
            }
        }
    }

    private static MqttClient connect(OneNetEmulator onenet, String clientId, String password) throws MqttException {
        return LegacyClients.connect(onenet, clientId, "parallel", password);
    }
}
