package io.camelonenet.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One fleet of MQTT connections in its own JVM, for {@link GatewayClientsBenchmark} and {@link GatewayScaleBenchmark}:
 * opens {@code count} connections with one client library, each with its own client id, publishes one QoS 1 message
 * on each, then, if asked ({@code rate seconds}), keeps publishing {@code rate} QoS 1 messages a second round the
 * connections for {@code seconds}, as the gateway does with its readings. Prints one line:
 * {@code client count connectMillis publishMillis threads heapBytes rssBytes rssBeforeGcBytes acknowledgedPerSecond}
 * (the heap and the first resident figure after full collections, once G1 has given back what they freed; the
 * second before them; the messages acknowledged a second while publishing steadily, 0 without it).
 */
public final class ClientFleet {

    private ClientFleet() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int count = Integer.parseInt(args[1]);
        String broker = args[2];
        List<AutoCloseable> open = new ArrayList<>();
        long start = System.nanoTime();
        List<Publisher> publishers = switch (client) {
            case "hivemq" -> hivemq(count, broker, open);
            case "paho" -> paho(count, broker, null, open);
            case "paho-shared" -> paho(count, broker, Executors.newScheduledThreadPool(3 * count + 8), open);
            default -> throw new IllegalArgumentException("no client " + client);
        };
        long connected = System.nanoTime();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Publisher publisher : publishers) {
            acks.add(publisher.publish());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long published = System.nanoTime();
        double acknowledgedPerSecond = args.length > 4
                ? steadily(publishers, Integer.parseInt(args[3]), Integer.parseInt(args[4])) : 0;
        long pid = ProcessHandle.current().pid();
        long rssBeforeGc = ProcStatus.rss(pid);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long rss = ProcStatus.settledRss(pid);
        System.out.printf(java.util.Locale.ROOT, "%s %d %d %d %d %d %d %d %.1f%n", client, count,
                (connected - start) / 1_000_000, (published - connected) / 1_000_000, threads, heap, rss, rssBeforeGc,
                acknowledgedPerSecond);
        // no orderly close: Paho's disconnect on a shared executor can wait forever; the broker sees the sockets close
        System.exit(0);
    }

    /**
     * {@code rate} messages a second, evenly spaced, each on the next connection round the fleet, for {@code seconds};
     * returns those acknowledged a second (counted until the last is acknowledged or refused).
     */
    private static double steadily(List<Publisher> publishers, int rate, int seconds) throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long spacing = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * spacing;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.add(publishers.get((int) (i % publishers.size())).publish()
                    .thenRun(acknowledged::incrementAndGet));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((ok, failed) -> null)
                .get(120, TimeUnit.SECONDS);
        return acknowledged.get() / ((System.nanoTime() - start) / 1e9);
    }

    interface Publisher {
        CompletableFuture<?> publish() throws Exception;
    }

    private static List<Publisher> hivemq(int count, String broker, List<AutoCloseable> open) {
        URI uri = URI.create(broker);
        List<CompletableFuture<?>> connects = new ArrayList<>();
        List<Publisher> publishers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier("fleet-" + i)
                    .serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
            connects.add(client.connectWith().cleanSession(true).keepAlive(120).send());
            publishers.add(() -> client.publishWith().topic("fleet").qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[32]).send());
            open.add(() -> client.disconnect().get(10, TimeUnit.SECONDS));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).join();
        return publishers;
    }

    private static List<Publisher> paho(int count, String broker, ScheduledExecutorService shared,
                                        List<AutoCloseable> open) throws Exception {
        List<Publisher> publishers = new ArrayList<>();
        List<org.eclipse.paho.client.mqttv3.IMqttToken> connects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MqttAsyncClient client = shared == null
                    ? new MqttAsyncClient(broker, "fleet-" + i, new MemoryPersistence())
                    : new MqttAsyncClient(broker, "fleet-" + i, new MemoryPersistence(), new TimerPingSender(), shared);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setKeepAliveInterval(120);
            connects.add(client.connect(options));
            publishers.add(() -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                client.publish("fleet", new byte[32], 1, false, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                    @Override
                    public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
                return done;
            });
            open.add(() -> {
                client.disconnectForcibly(1000, 1000);
                client.close();
            });
        }
        for (org.eclipse.paho.client.mqttv3.IMqttToken connect : connects) {
            connect.waitForCompletion(120_000);
        }
        return publishers;
    }
}
