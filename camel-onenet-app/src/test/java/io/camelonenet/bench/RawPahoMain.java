package io.camelonenet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.dp.DpCodec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.List;
import java.util.Map;

/**
 * The baseline for start-up and memory: what a hand-written Paho program does to upload a reading every period,
 * with Jackson and a $dp frame, and nothing else. {@code java RawPahoMain tcp://host:port periodMillis}
 */
public final class RawPahoMain {

    private RawPahoMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        MqttClient client = new MqttClient(args[0], "raw-paho-main", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName("p");
        options.setPassword("k".toCharArray());
        client.connect(options);
        long period = Long.parseLong(args[1]);
        for (long seq = 1; ; seq++) {
            byte[] json = mapper.writeValueAsBytes(Map.of("datastreams", List.of(Map.of("id", "seq",
                    "datapoints", List.of(Map.of("value", seq))))));
            client.publish("$dp", DpCodec.encodeFullJson(json), 1, false);
            Thread.sleep(period);
        }
    }
}
