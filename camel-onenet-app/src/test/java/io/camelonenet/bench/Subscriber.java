package io.camelonenet.bench;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a QoS 1 subscriber of {@code $dp} actually received, and when the last one arrived; optionally keeps the
 * arrival time of each of the first messages (Paho calls back on one thread, in order).
 */
final class Subscriber implements AutoCloseable {

    private final MqttClient client;
    private final AtomicLong received = new AtomicLong();
    private final long[] arrivals;
    private volatile long lastArrivalNanos;

    Subscriber(String url) throws Exception {
        this(url, 0);
    }

    /** Keeps the arrival times of the first {@code arrivalsKept} messages ({@link #arrivals()}). */
    Subscriber(String url, int arrivalsKept) throws Exception {
        arrivals = new long[arrivalsKept];
        client = new MqttClient(url, "bench-subscriber-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new OnMessage((topic, message) -> {
            long now = System.nanoTime();
            // the only writer; the count goes up last, so whoever sees it sees this arrival's times too
            long count = received.get() + 1;
            if (count <= arrivals.length) {
                arrivals[(int) count - 1] = now;
            }
            lastArrivalNanos = now;
            received.set(count);
        }));
        client.connect(options());
        client.subscribe("$dp", 1);
    }

    /**
     * Waits until {@code count} messages arrived; returns the time of the last arrival. A harness polling a counter
     * (not a test): the figure is the arrival time, not the time the poll noticed it.
     */
    long awaitCount(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (received.get() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        if (received.get() < count) {
            throw new IllegalStateException("only " + received.get() + " of " + count + " arrived");
        }
        return lastArrivalNanos;
    }

    /** The arrival times kept, once {@link #awaitCount} saw at least as many arrive. */
    long[] arrivals() {
        return arrivals.clone();
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        client.close();
    }

    /** MQTT 3.1.1 with room for 1,000 in flight (Paho's default of 10 throws 32202 under load). */
    static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(1000);
        options.setUserName("p");
        options.setPassword("k".toCharArray());
        return options;
    }
}
