package io.camelonenet.emulator;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.dp.DpCodec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The emulator against a plain Paho client: OneNET's legacy rules as a device sees them. */
class OneNetEmulatorTest {

    private static final String DEVICE = "29455901";
    private static final String PRODUCT = "12555524";
    private static final String AUTH = "JHFDJF55586jhk";

    private static OneNetEmulator onenet;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).device("29455902", PRODUCT, "other")
                .build().start();
    }

    @AfterAll
    static void stopEmulator() {
        onenet.close();
    }

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnectForcibly(100, 100);
            }
            client.close(true);
        }
    }

    @Test
    void should_accept_device_id_product_id_and_auth_info() throws MqttException {
        MqttClient client = connect(DEVICE, PRODUCT, AUTH);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void should_refuse_unknown_client_id_with_connack_2() {
        assertThatThrownBy(() -> connect("99999999", PRODUCT, AUTH))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(2));
    }

    @Test
    void should_refuse_wrong_auth_info_with_connack_4() {
        assertThatThrownBy(() -> connect(DEVICE, PRODUCT, "wrong"))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(4));
        assertThatThrownBy(() -> connect(DEVICE, "00000000", AUTH))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(4));
    }

    @Test
    void should_refuse_subscribe_to_system_topics_with_0x80() throws MqttException {
        MqttClient client = connect(DEVICE, PRODUCT, AUTH);
        assertThatThrownBy(() -> client.subscribe("$creq/+", 1))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_SUBSCRIBE_FAILED));
        client.subscribe("custom/topic", 1);
        assertThat(onenet.record().refusedSubscriptions()).contains("$creq/+");
    }

    @Test
    void should_push_commands_without_any_subscription_and_record_the_reply() throws MqttException {
        MqttClient client = connect(DEVICE, PRODUCT, AUTH);
        List<String> topics = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            public void connectionLost(Throwable cause) { }
            public void messageArrived(String topic, MqttMessage message) {
                topics.add(topic);
                bodies.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) { }
        });
        String commandId = onenet.pushCommand(DEVICE, "{\"led\":\"on\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> !topics.isEmpty());
        assertThat(topics).containsExactly("$creq/" + commandId);
        assertThat(bodies).containsExactly("{\"led\":\"on\"}");

        client.publish("$crsp/" + commandId, "done".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> onenet.record().replies().stream()
                .anyMatch(reply -> reply.commandId().equals(commandId)));
        CommandReply reply = onenet.record().replies().stream()
                .filter(r -> r.commandId().equals(commandId)).findFirst().orElseThrow();
        assertThat(reply.deviceId()).isEqualTo(DEVICE);
        assertThat(reply.payloadAsText()).isEqualTo("done");
    }

    @Test
    void should_decode_type_1_frames_of_the_original_script() throws MqttException {
        MqttClient client = connect(DEVICE, PRODUCT, AUTH);
        int before = onenet.record().uploads().size();
        String json = "{\"datastreams\":[{\"id\":\"wendu\",\"datapoints\":[{\"at\":\"2016-08-15T14:47:00\",\"value\":55}]}]}";
        client.publish("$dp", DpCodec.encodeFullJson(json.getBytes(StandardCharsets.UTF_8)), 1, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> onenet.record().uploads().size() > before);
        UploadedDatapoints upload = onenet.record().uploads().get(before);
        assertThat(upload.deviceId()).isEqualTo(DEVICE);
        assertThat(upload.datapoints()).hasSize(1);
        Datapoint point = upload.datapoints().get(0);
        assertThat(point.streamId()).isEqualTo("wendu");
        assertThat(point.value()).hasToString("55");
        assertThat(point.at()).hasToString("2016-08-15T06:47:00Z");
    }

    @Test
    void should_disconnect_a_client_that_sends_an_illegal_frame() throws MqttException {
        MqttClient client = connect(DEVICE, PRODUCT, AUTH);
        // claims 0x00FF bytes of JSON but carries 2
        client.publish("$dp", new byte[] {0x01, 0x00, (byte) 0xFF, '{', '}'}, 0, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
        assertThat(onenet.record().illegalFrames()).anyMatch(reason -> reason.contains("length 255"));
    }

    @Test
    void should_drop_the_older_connection_when_the_same_client_id_connects_again() throws MqttException {
        MqttClient first = connect("29455902", PRODUCT, "other");
        MqttClient second = connect("29455902", PRODUCT, "other");

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
        assertThat(second.isConnected()).isTrue();
        assertThat(onenet.record().connectCount("29455902")).isGreaterThanOrEqualTo(2);
    }

    private MqttClient connect(String clientId, String userName, String password) throws MqttException {
        MqttClient client = new MqttClient(onenet.brokerUrl(), clientId, new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(userName);
        options.setPassword(password.toCharArray());
        options.setKeepAliveInterval(120);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }
}
