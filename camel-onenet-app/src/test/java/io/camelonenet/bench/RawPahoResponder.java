package io.camelonenet.bench;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline for command round trips: a hand-written Paho program that answers each command on
 * {@code raw/$creq/<id>} with "ok" on {@code raw/$crsp/<id>}, from a thread of its own (publishing from Paho's
 * callback thread can deadlock), and does nothing else. A process of its own, like the app it is compared with.
 * {@code java RawPahoResponder tcp://host:port}
 */
public final class RawPahoResponder {

    /** Its topics begin with this, so that the app (on {@code $creq/+}) never sees its commands. */
    static final String PREFIX = "raw/";
    private static final String COMMANDS = PREFIX + "$creq/";
    private static final String ANSWERS = PREFIX + "$crsp/";

    private RawPahoResponder() {
    }

    public static void main(String[] args) throws Exception {
        MqttClient client = new MqttClient(args[0], "raw-responder", new MemoryPersistence());
        ExecutorService answers = Executors.newSingleThreadExecutor();
        client.setCallback(new OnMessage((topic, message) -> answers.execute(() -> {
            try {
                client.publish(ANSWERS + topic.substring(COMMANDS.length()), "ok".getBytes(StandardCharsets.UTF_8),
                        1, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })));
        client.connect(ProcessCases.noDelay());
        client.subscribe(COMMANDS + "+", 1);
    }
}
