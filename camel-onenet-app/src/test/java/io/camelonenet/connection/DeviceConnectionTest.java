package io.camelonenet.connection;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
        int port = FreePort.onLoopback();
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

    @Test
    void should_not_hand_a_command_to_a_stopped_paho_route_and_hand_them_on_again_once_it_restarts() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        Logger clientLog = (Logger) LoggerFactory.getLogger(SharedDeviceClient.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        clientLog.addAppender(lines);
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("dev-3", "prod-3", "key-3").build().start();
             DefaultCamelContext context = new DefaultCamelContext()) {
            DeviceConnection connection = new DeviceConnection(ConnectionSettings.of(onenet.brokerUrl(), "dev-3",
                    "prod-3", PasswordSource.fixed("key-3")));
            connection.bindClient(context.getRegistry(), "client");
            context.addService(connection, true, true);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("paho:$creq/+?client=#client&qos=1").routeId("commands")
                            .process(exchange -> commands.add(exchange.getMessage().getHeader("CamelMqttTopic",
                                    String.class)));
                }
            });
            context.start();
            await().atMost(WAIT).until(connection::isConnected);
            String first = onenet.pushCommand("dev-3", "one");
            await().atMost(WAIT).until(() -> commands.contains("$creq/" + first));

            // camel-paho's stopped consumer leaves its callback on the shared client: the command must not reach it
            context.getRouteController().stopRoute("commands");
            String whileStopped = onenet.pushCommand("dev-3", "two");
            await().atMost(WAIT).until(() -> lines.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(
                    line -> line.contains("$creq/" + whileStopped) && line.contains("while its route stops")));

            context.getRouteController().startRoute("commands");
            String third = onenet.pushCommand("dev-3", "three");
            await().atMost(WAIT).until(() -> commands.contains("$creq/" + third));
            assertThat(commands).containsExactly("$creq/" + first, "$creq/" + third);
        } finally {
            clientLog.detachAppender(lines);
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
}
