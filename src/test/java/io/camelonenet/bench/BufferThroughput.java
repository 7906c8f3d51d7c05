package io.camelonenet.bench;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.DatapointJsonBuilder;
import io.camelonenet.route.DpFramer;
import io.camelonenet.route.SimulatedSensor;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Datapoints per second delivered to a subscriber, in one run on one broker: raw Paho {@code MqttClient} publishing
 * the same frames (QoS 0 and 1), the uplink path without the buffer (json, frame, paho), the same path through the
 * durable buffer (store on disk, forward, delete after PUBACK), Paho's async client with 1,000 publishes in flight
 * (the limit), and the drain of 10,000 readings buffered during an outage. Debian's mosquitto when installed, else
 * the emulator.
 * {@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbench.main=io.camelonenet.bench.BufferThroughput}
 */
public final class BufferThroughput {

    private static final int READINGS = 20_000;
    private static final Path DOC = Path.of("docs", "performance.md");

    private BufferThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int port = freePort();
        Path work = Files.createTempDirectory("buffer-throughput-");
        Process mosquitto = null;
        OneNetEmulator emulator = null;
        String broker;
        if (Files.isExecutable(Path.of("/usr/sbin/mosquitto"))) {
            Path config = work.resolve("mosquitto.conf");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                    + "max_queued_messages 1000000\nmax_inflight_messages 0\npersistence false\nset_tcp_nodelay true\n");
            mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.log").toFile()).start();
            while (!listening(port)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            broker = "Debian's mosquitto (" + version() + ")";
        } else {
            emulator = OneNetEmulator.builder().plainBroker().port(port).device("bench", "p", "k").build().start();
            broker = "the project's emulator (embedded HiveMQ CE)";
        }
        String url = "tcp://127.0.0.1:" + port;
        Map<String, Double> rates = new LinkedHashMap<>();
        String startup = "";
        String roundTrips = "";
        try {
            byte[] frame = sampleFrame();
            rates.put("raw Paho MqttClient, same frames, QoS 1", rawPaho(url, frame, 1));
            rates.put("uplink path without the buffer (json, frame, paho), QoS 1", camelPath(url, work, false, 1));
            rates.put("uplink path through the durable buffer, QoS 1", camelPath(url, work, true, 1));
            rates.put("raw Paho MqttClient, same frames, QoS 0", rawPaho(url, frame, 0));
            rates.put("uplink path without the buffer, QoS 0", camelPath(url, work, false, 0));
            rates.put("Paho MqttAsyncClient, 1,000 in flight, QoS 1 (the limit)", asyncWindowed(url, frame));
            rates.put("backlog drain: 10,000 buffered readings after an outage, QoS 1", backlogDrain(url, work, frame));
            startup = startupAndMemory(url, work);
            roundTrips = commandRoundTrips(url, work);
        } finally {
            if (mosquitto != null) {
                mosquitto.destroy();
            }
            if (emulator != null) {
                emulator.close();
            }
        }
        writeSection(report(broker, rates) + "\n" + startup + "\n" + roundTrips);
    }

    private static double rawPaho(String url, byte[] frame, int qos) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            MqttClient client = new MqttClient(url, "bench-raw-" + qos, new MemoryPersistence());
            client.connect(options());
            long start = System.nanoTime();
            for (int i = 0; i < READINGS; i++) {
                client.publish("$dp", frame, qos, false);
            }
            subscriber.awaitCount(READINGS);
            double rate = READINGS / seconds(start);
            client.disconnect();
            client.close();
            return rate;
        }
    }

    /**
     * Start-up to the first datapoint the subscriber receives, and resident memory after 5 s of uploading once a
     * second, of {@code java -Xmx32m -jar target/camel-onenet.jar} (emulator off) and of {@link RawPahoMain}.
     */
    private static String startupAndMemory(String url, Path work) throws Exception {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> app = List.of(javaBinary, "-Xmx32m", "-jar", "target/camel-onenet.jar");
        List<String> raw = List.of(javaBinary, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                RawPahoMain.class.getName(), url, "1000");
        double[] appFigures = startup(app, url, work, "app");
        double[] rawFigures = startup(raw, url, work, "raw");
        return "| Start-up and memory (`-Xmx32m`) | app (`java -jar`) | raw Paho main | ratio |\n|---|---:|---:|---:|\n"
                + String.format(Locale.ROOT, "| start to first datapoint | %.2f s | %.2f s | %.2fx |%n", appFigures[0],
                        rawFigures[0], appFigures[0] / rawFigures[0])
                + String.format(Locale.ROOT, "| resident memory (VmRSS) | %.0f MiB | %.0f MiB | %.2fx |%n",
                        appFigures[1], rawFigures[1], appFigures[1] / rawFigures[1]);
    }

    private static double[] startup(List<String> command, String url, Path work, String name) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + ".log").toFile());
            builder.environment().putAll(Map.of("ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", url,
                    "ONENET_UPLINK_PERIOD", "1000", "ONENET_BUFFER_DIR", work.resolve(name + "-buffer").toString(),
                    "ONENET_DOWNLINK_DIR", work.resolve(name + "-commands").toString(),
                    "ONENET_DEAD_LETTER_DIR", work.resolve(name + "-dead").toString()));
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                subscriber.awaitCount(1);
                double seconds = seconds(start);
                TimeUnit.SECONDS.sleep(5);
                long rssKib = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                        .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
                        .mapToLong(Long::parseLong).findFirst().orElse(0);
                return new double[] {seconds, rssKib / 1024.0};
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Command round trips, one outstanding at a time: a command on {@code $creq/<n>}, the answer on {@code $crsp/<n>}.
     * The app writes each command to its file (synced) before it answers; the baseline is a raw Paho client answering
     * from a separate thread.
     */
    private static String commandRoundTrips(String url, Path work) throws Exception {
        int commands = 1000;
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-jar", "target/camel-onenet.jar").redirectErrorStream(true)
                .redirectOutput(work.resolve("rtt-app.log").toFile());
        builder.environment().putAll(Map.of("ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", url,
                "ONENET_UPLINK_PERIOD", "3600000", "ONENET_BUFFER_DIR", work.resolve("rtt-buffer").toString(),
                "ONENET_DOWNLINK_DIR", work.resolve("rtt-commands").toString(),
                "ONENET_DEAD_LETTER_DIR", work.resolve("rtt-dead").toString()));
        Process app = builder.start();
        long[] appNanos;
        try {
            appNanos = roundTrips(url, commands, null);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        MqttClient responder = new MqttClient(url, "10001", new MemoryPersistence());
        java.util.concurrent.ExecutorService answers = java.util.concurrent.Executors.newSingleThreadExecutor();
        responder.setCallback(new MqttCallback() {
            public void connectionLost(Throwable cause) { }
            public void messageArrived(String topic, MqttMessage message) {
                answers.execute(() -> {
                    try {
                        responder.publish("$crsp/" + topic.substring(6), "ok".getBytes(StandardCharsets.UTF_8), 1,
                                false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        MqttConnectOptions options = options();
        options.setSocketFactory(new io.camelonenet.connection.NoDelaySocketFactory());
        responder.connect(options);
        responder.subscribe("$creq/+", 1);
        long[] rawNanos = roundTrips(url, commands, responder);
        responder.disconnect();
        responder.close();
        answers.shutdownNow();
        return "| Command round trip, " + commands + " commands | app (file synced, then answer) | raw Paho, "
                + "answer from another thread | ratio |\n|---|---:|---:|---:|\n"
                + String.format(Locale.ROOT, "| p50 | %.2f ms | %.2f ms | %.2fx |%n", percentile(appNanos, 50),
                        percentile(rawNanos, 50), percentile(appNanos, 50) / percentile(rawNanos, 50))
                + String.format(Locale.ROOT, "| p99 | %.2f ms | %.2f ms | %.2fx |%n", percentile(appNanos, 99),
                        percentile(rawNanos, 99), percentile(appNanos, 99) / percentile(rawNanos, 99));
    }

    private static long[] roundTrips(String url, int commands, MqttClient ignored) throws Exception {
        java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        MqttClient platform = new MqttClient(url, "bench-platform-" + System.nanoTime(), new MemoryPersistence());
        platform.setCallback(new MqttCallback() {
            public void connectionLost(Throwable cause) { }
            public void messageArrived(String topic, MqttMessage message) {
                replies.add(topic);
            }
            public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        MqttConnectOptions options = options();
        options.setSocketFactory(new io.camelonenet.connection.NoDelaySocketFactory());
        platform.connect(options);
        platform.subscribe("$crsp/+", 1);
        // wait until the device answers at all (its routes started)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (replies.poll(200, TimeUnit.MILLISECONDS) == null) {
            platform.publish("$creq/warm-up", "ping".getBytes(StandardCharsets.UTF_8), 0, false);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the device never answered");
            }
        }
        replies.clear();
        long[] nanos = new long[commands];
        for (int i = 0; i < commands; i++) {
            String id = "rtt-" + i;
            long start = System.nanoTime();
            platform.publish("$creq/" + id, ("command " + i).getBytes(StandardCharsets.UTF_8), 0, false);
            String topic;
            do {
                topic = replies.poll(10, TimeUnit.SECONDS);
                if (topic == null) {
                    throw new IllegalStateException("no answer to " + id);
                }
            } while (!topic.equals("$crsp/" + id));
            nanos[i] = System.nanoTime() - start;
        }
        platform.disconnect();
        platform.close();
        return nanos;
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    /** Paho's async client keeping up to 1,000 QoS 1 publishes in flight: what the broker and network allow. */
    private static double asyncWindowed(String url, byte[] frame) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            org.eclipse.paho.client.mqttv3.MqttAsyncClient client =
                    new org.eclipse.paho.client.mqttv3.MqttAsyncClient(url, "bench-async", new MemoryPersistence());
            MqttConnectOptions options = options();
            // Paho counts a publish as in flight a little after its token completed: leave headroom over the window
            options.setMaxInflight(65535);
            client.connect(options).waitForCompletion();
            java.util.ArrayDeque<org.eclipse.paho.client.mqttv3.IMqttDeliveryToken> window = new java.util.ArrayDeque<>();
            long start = System.nanoTime();
            for (int i = 0; i < READINGS; i++) {
                if (window.size() >= 1000) {
                    window.poll().waitForCompletion();
                }
                window.add(client.publish("$dp", frame, 1, false));
            }
            subscriber.awaitCount(READINGS);
            double rate = READINGS / seconds(start);
            client.disconnect().waitForCompletion();
            client.close();
            return rate;
        }
    }

    /** 10,000 readings stored while the broker was away; time until the subscriber has them all. */
    private static double backlogDrain(String url, Path work, byte[] frame) throws Exception {
        int backlog = 10_000;
        SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(work.resolve("backlog"), 1L << 30, FullPolicy.DROP_OLDEST);
        for (int i = 0; i < backlog; i++) {
            buffer.append("$dp", frame);
        }
        try (Subscriber subscriber = new Subscriber(url);
             CamelContext camel = new DefaultCamelContext()) {
            DeviceConnection device = new DeviceConnection(ConnectionSettings.of(url, "bench-backlog", "p",
                    PasswordSource.fixed("k")));
            camel.getRegistry().bind("onenetClient", device.client());
            camel.addService(device);
            camel.addComponent("onenet-buffer", new BufferComponent(buffer));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("onenet-buffer:uplink").autoStartup(false).routeId("drain")
                            .setHeader("CamelPahoOverrideTopic", header("OneNetTopic"))
                            .to("paho:$dp?client=#onenetClient&qos=1");
                }
            });
            camel.start();
            long start = System.nanoTime();
            camel.getRouteController().startRoute("drain");
            subscriber.awaitCount(backlog);
            double rate = backlog / seconds(start);
            camel.stop();
            buffer.close();
            return rate;
        }
    }

    private static double camelPath(String url, Path work, boolean buffered, int qos) throws Exception {
        try (Subscriber subscriber = new Subscriber(url);
             CamelContext camel = new DefaultCamelContext()) {
            DeviceConnection device = new DeviceConnection(ConnectionSettings.of(url, (buffered ? "bench-buffer-"
                    : "bench-direct-") + qos, "p", PasswordSource.fixed("k")));
            camel.getRegistry().bind("onenetClient", device.client());
            camel.addService(device);
            SqliteUplinkBuffer buffer = buffered ? new SqliteUplinkBuffer(work.resolve("buffer-" + qos), 1L << 30,
                    FullPolicy.DROP_OLDEST) : null;
            if (buffered) {
                camel.addComponent("onenet-buffer", new BufferComponent(buffer));
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reading").process(new DatapointJsonBuilder()).bean(new DpFramer(), "frame")
                            .to(buffered ? "onenet-buffer:uplink?topic=$dp"
                                    : "paho:$dp?client=#onenetClient&qos=" + qos);
                    if (buffered) {
                        from("onenet-buffer:uplink").setHeader("CamelPahoOverrideTopic", header("OneNetTopic"))
                                .to("paho:$dp?client=#onenetClient&qos=" + qos);
                    }
                }
            });
            camel.start();
            SimulatedSensor sensor = new SimulatedSensor();
            ProducerTemplate template = camel.createProducerTemplate();
            long start = System.nanoTime();
            for (int i = 0; i < READINGS; i++) {
                template.sendBody("direct:reading", sensor.read());
            }
            subscriber.awaitCount(READINGS);
            double rate = READINGS / seconds(start);
            camel.stop();
            if (buffer != null) {
                buffer.close();
            }
            return rate;
        }
    }

    private static byte[] sampleFrame() {
        String json = "{\"datastreams\":[{\"id\":\"temperature\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\","
                + "\"value\":22.5}]},{\"id\":\"humidity\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\",\"value\":"
                + "55.1}]},{\"id\":\"seq\",\"datapoints\":[{\"at\":\"2026-11-25T12:00:00\",\"value\":1}]}]}";
        return io.camelonenet.dp.DpCodec.encodeFullJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts what a QoS 1 subscriber of $dp actually received. */
    private static final class Subscriber implements AutoCloseable {
        private final MqttClient client;
        private final AtomicLong received = new AtomicLong();

        Subscriber(String url) throws Exception {
            client = new MqttClient(url, "bench-subscriber-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                public void connectionLost(Throwable cause) { }
                public void messageArrived(String topic, MqttMessage message) {
                    received.incrementAndGet();
                }
                public void deliveryComplete(IMqttDeliveryToken token) { }
            });
            client.connect(options());
            client.subscribe("$dp", 1);
        }

        void awaitCount(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (received.get() < count && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            if (received.get() < count) {
                throw new IllegalStateException("only " + received.get() + " of " + count + " arrived");
            }
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }

    private static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(1000);
        options.setUserName("p");
        options.setPassword("k".toCharArray());
        return options;
    }

    private static String report(String broker, Map<String, Double> rates) {
        double raw = rates.values().iterator().next();
        StringBuilder out = new StringBuilder();
        out.append("Last run: ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(READINGS).append(" readings per case (10,000 for the backlog), broker: ")
                .append(broker).append(", counted by a QoS 1 subscriber on the same broker.\n\n");
        double rawQos0 = rates.getOrDefault("raw Paho MqttClient, same frames, QoS 0", Double.NaN);
        out.append("| Case | datapoints/s | vs raw Paho MqttClient at the same QoS |\n|---|---:|---:|\n");
        rates.forEach((name, rate) -> out.append("| ").append(name).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", rate)).append(" | ")
                .append(String.format(Locale.ROOT, "%.2fx", rate / (name.endsWith("QoS 0") ? rawQos0 : raw)))
                .append(" |\n"));
        return out.toString();
    }

    private static void writeSection(String section) throws IOException {
        String start = "<!-- buffer-benchmark:start -->";
        String end = "<!-- buffer-benchmark:end -->";
        String doc = Files.readString(DOC);
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        Files.writeString(DOC, doc.substring(0, from + start.length()) + "\n" + section + doc.substring(to));
        System.out.println(section);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String version() {
        try {
            Process process = new ProcessBuilder("/usr/sbin/mosquitto", "-h").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("mosquitto");
            return first.replace("mosquitto version ", "");
        } catch (IOException e) {
            return "unknown version";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
