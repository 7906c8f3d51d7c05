package io.camelonenet.connection;

import io.camelonenet.emulator.OneNetEmulator;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DeviceConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void should_connect_when_the_broker_appears_and_reconnect_and_resubscribe_after_it_restarts() throws Exception {
        int port = freePort();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        List<String> commands = new CopyOnWriteArrayList<>();
        ConnectionSettings settings = ConnectionSettings.of("tcp://127.0.0.1:" + port, "dev-1", "prod-1",
                PasswordSource.fixed("key-1")).withMaxReconnectDelay(Duration.ofSeconds(2));
        try (DeviceConnection connection = new DeviceConnection(settings)) {
            connection.addStateListener(states::add);
            connection.client().setCallback(collectTopics(commands));
            connection.client().subscribe("$creq/+", 1);

            // the broker is not there yet: start() returns, the device keeps trying
            connection.start();
            assertThat(connection.isConnected()).isFalse();
            assertThatThrownBy(() -> connection.client().publish("$dp", new MqttMessage(new byte[] {1})))
                    .isInstanceOf(DeviceNotConnectedException.class)
                    .hasMessageContaining("device dev-1 is not connected");

            try (OneNetEmulator onenet = emulator(port)) {
                await().atMost(WAIT).until(connection::isConnected);
                String first = onenet.pushCommand("dev-1", "one");
                await().atMost(WAIT).until(() -> commands.contains("$creq/" + first));
            }
            await().atMost(WAIT).until(() -> !connection.isConnected());

            try (OneNetEmulator onenet = emulator(port)) {
                await().atMost(WAIT).until(connection::isConnected);
                String second = onenet.pushCommand("dev-1", "two");
                await().atMost(WAIT).until(() -> commands.contains("$creq/" + second));
                assertThat(onenet.record().refusedSubscriptions()).contains("$creq/+");
            }
        }
        assertThat(states).containsSubsequence(ConnectionState.DISCONNECTED, ConnectionState.CONNECTED,
                ConnectionState.DISCONNECTED, ConnectionState.CONNECTED, ConnectionState.CLOSED);
    }

    @Test
    void should_keep_retrying_and_explain_a_refused_login() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("dev-2", "prod-2", "right").build().start();
             DeviceConnection connection = new DeviceConnection(ConnectionSettings.of(onenet.brokerUrl(), "dev-2",
                     "prod-2", PasswordSource.fixed("wrong")).withMaxReconnectDelay(Duration.ofSeconds(1)))) {
            connection.start();

            await().atMost(WAIT).until(() -> onenet.record().connectCount("dev-2") >= 3);
            assertThat(connection.isConnected()).isFalse();
            assertThat(connection.state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);
        }
    }

    private static OneNetEmulator emulator(int port) {
        return OneNetEmulator.builder().port(port).device("dev-1", "prod-1", "key-1").build().start();
    }

    private static MqttCallback collectTopics(List<String> topics) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                topics.add(topic);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
