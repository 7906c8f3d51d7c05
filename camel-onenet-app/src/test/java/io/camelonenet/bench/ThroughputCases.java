package io.camelonenet.bench;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.Durability;
import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.route.DatapointJsonBuilder;
import io.camelonenet.route.DpFramer;
import io.camelonenet.route.SimulatedSensor;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Datapoints per second delivered to a subscriber on the same broker, one case per method: the baselines (raw Paho
 * clients publishing ready frames) and the project's paths (the beans, the shared device connection, the producers).
 */
final class ThroughputCases {

    static final int READINGS = 20_000;
    /** QoS 0 runs three times as fast and swings more with scheduling on two cores: a longer run per case. */
    static final int READINGS_QOS0 = 60_000;
    static final int BACKLOG = 10_000;
    /** Routes under way at most while readings are offered without waiting, as Paho's async case has publishes. */
    static final int OFFERED_IN_FLIGHT = 1000;

    private final String url;
    private final Path work;
    private final byte[] frame = sampleFrame();
    private int run;

    ThroughputCases(String url, Path work) {
        this.url = url;
        this.work = work;
    }

    /** Raw Paho {@code MqttClient}, the synchronous client camel-paho uses: the ceiling of a camel-paho route. */
    double rawPaho(int qos) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            MqttClient client = new MqttClient(url, "bench-raw-" + run++, new MemoryPersistence());
            client.connect(Subscriber.options());
            int readings = readings(qos);
            long start = System.nanoTime();
            for (int i = 0; i < readings; i++) {
                client.publish("$dp", frame, qos, false);
            }
            double rate = rate(readings, start, subscriber.awaitCount(readings));
            client.disconnect();
            client.close();
            return rate;
        }
    }

    /** Paho's async client keeping up to 1,000 QoS 1 publishes in flight: what broker and network allow. */
    double asyncWindowed() throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            MqttAsyncClient client = new MqttAsyncClient(url, "bench-async-" + run++, new MemoryPersistence());
            MqttConnectOptions options = Subscriber.options();
            // Paho counts a publish as in flight a little after its token completed: headroom over the window
            options.setMaxInflight(65535);
            client.connect(options).waitForCompletion();
            ArrayDeque<IMqttDeliveryToken> window = new ArrayDeque<>();
            long start = System.nanoTime();
            for (int i = 0; i < READINGS; i++) {
                if (window.size() >= 1000) {
                    window.poll().waitForCompletion();
                }
                window.add(client.publish("$dp", frame, 1, false));
            }
            double rate = rate(READINGS, start, subscriber.awaitCount(READINGS));
            client.disconnect().waitForCompletion();
            client.close();
            return rate;
        }
    }

    /**
     * The uplink beans with the camel-paho endpoint on the shared device connection, no buffer: sensor reading →
     * {@link DatapointJsonBuilder} → {@link DpFramer} → {@code paho:$dp}. Driven by a loop instead of the timer.
     */
    double uplinkDirect(int qos) throws Exception {
        return uplink(qos, null);
    }

    /**
     * The uplink as the app runs it: the same beans, then the durable buffer (the reading is synced to disk before
     * the route completes) and the forwarder route with {@code onenet-publish} (a window of 100 in flight).
     */
    double uplinkBuffered(Durability durability) throws Exception {
        return uplink(1, durability);
    }

    private double uplink(int qos, Durability durability) throws Exception {
        boolean buffered = durability != null;
        SqliteUplinkBuffer buffer = buffered ? newBuffer(durability) : null;
        try (Subscriber subscriber = new Subscriber(url);
             CamelContext camel = device("bench-uplink-" + run++, 0, buffer)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reading").process(new DatapointJsonBuilder()).bean(new DpFramer(), "frame")
                            .to(buffered ? "onenet-buffer:uplink?topic=$dp" : "paho:$dp?client=#client&qos=" + qos);
                    if (buffered) {
                        from("onenet-buffer:uplink").to("onenet-publish:$dp?connection=#device&qos=1");
                    }
                }
            });
            camel.start();
            SimulatedSensor sensor = new SimulatedSensor();
            int readings = readings(qos);
            long start = System.nanoTime();
            if (buffered) {
                offerWithoutWaiting(camel, sensor, readings);
            } else {
                ProducerTemplate template = camel.createProducerTemplate();
                for (int i = 0; i < readings; i++) {
                    template.sendBody("direct:reading", sensor.read());
                }
            }
            return rate(readings, start, subscriber.awaitCount(readings));
        } finally {
            if (buffer != null) {
                buffer.close();
            }
        }
    }

    /**
     * Offers the readings from one thread the way the app's timer does: the next without waiting for the previous
     * one's route to complete (its disk sync), at most {@value #OFFERED_IN_FLIGHT} routes under way. Each route still
     * completes only once its reading is on disk; a failed one fails the case.
     */
    private static void offerWithoutWaiting(CamelContext camel, SimulatedSensor sensor, int readings)
            throws Exception {
        Endpoint reading = camel.getEndpoint("direct:reading");
        AsyncProducer route = reading.createAsyncProducer();
        ServiceHelper.startService(route);
        Semaphore inFlight = new Semaphore(OFFERED_IN_FLIGHT);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try {
            for (int i = 0; i < readings && failed.get() == null; i++) {
                inFlight.acquire();
                Exchange exchange = reading.createExchange();
                exchange.getMessage().setBody(sensor.read());
                route.process(exchange, doneSync -> {
                    if (exchange.getException() != null) {
                        failed.compareAndSet(null, exchange.getException());
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(OFFERED_IN_FLIGHT);
        } finally {
            ServiceHelper.stopService(route);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a reading was not stored", failed.get());
        }
    }

    /**
     * Readings stored while the broker was away, drained by the forwarder route as the app has it: from the start
     * of the route until the subscriber has the last. {@code paho} selects camel-paho's synchronous producer instead
     * of {@code onenet-publish}.
     */
    double backlogDrain(int messages, boolean paho) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            long start = drain(subscriber, messages, paho, 0);
            return rate(messages, start, subscriber.awaitCount(messages));
        }
    }

    /** The same backlog drained through {@code onenet-publish} with the platform rate limit at {@code maxRate}. */
    Pace limitedDrain(int messages, int maxRate) throws Exception {
        try (Subscriber subscriber = new Subscriber(url, messages)) {
            drain(subscriber, messages, false, maxRate);
            return Pace.of(subscriber.arrivals(), maxRate);
        }
    }

    /** Drains {@code messages} stored readings; returns when the route started, once the subscriber has them all. */
    private long drain(Subscriber subscriber, int messages, boolean paho, double maxRate) throws Exception {
        SqliteUplinkBuffer buffer = newBuffer(Durability.FULL);
        for (int i = 0; i < messages; i++) {
            buffer.append("$dp", frame);
        }
        try (CamelContext camel = device("bench-backlog-" + run++, maxRate, buffer)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("onenet-buffer:uplink").autoStartup(false).routeId("drain")
                            .to(paho ? "paho:$dp?client=#client&qos=1" : "onenet-publish:$dp?connection=#device&qos=1");
                }
            });
            camel.start();
            long start = System.nanoTime();
            camel.getRouteController().startRoute("drain");
            subscriber.awaitCount(messages);
            return start;
        } finally {
            buffer.close();
        }
    }

    private CamelContext device(String clientId, double maxRate, SqliteUplinkBuffer buffer) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        ConnectionSettings settings = ConnectionSettings.of(url, clientId, "p", PasswordSource.fixed("k"));
        DeviceConnection device = new DeviceConnection(maxRate > 0 ? settings.withMaxPublishRate(maxRate) : settings);
        camel.getRegistry().bind("device", device);
        device.bindClient(camel.getRegistry(), "client");
        camel.addService(device);
        if (buffer != null) {
            camel.addComponent("onenet-buffer", new BufferComponent(buffer));
        }
        return camel;
    }

    private SqliteUplinkBuffer newBuffer(Durability durability) throws Exception {
        return new SqliteUplinkBuffer(Files.createTempDirectory(work, "buffer-"), 1L << 30, FullPolicy.DROP_OLDEST,
                durability);
    }

    private static int readings(int qos) {
        return qos == 0 ? READINGS_QOS0 : READINGS;
    }

    private static double rate(int messages, long startNanos, long lastArrivalNanos) {
        return messages / ((lastArrivalNanos - startNanos) / 1e9);
    }

    /** A type 1 frame like the uplink route's: three streams, one point each. */
    static byte[] sampleFrame() {
        String json = "{\"datastreams\":[{\"id\":\"temperature\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\","
                + "\"value\":22.5}]},{\"id\":\"humidity\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\",\"value\":"
                + "55.1}]},{\"id\":\"seq\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\",\"value\":1}]}]}";
        return DpCodec.encodeFullJson(json.getBytes(StandardCharsets.UTF_8));
    }
}
