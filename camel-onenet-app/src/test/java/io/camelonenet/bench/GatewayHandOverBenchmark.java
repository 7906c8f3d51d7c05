package io.camelonenet.bench;

import io.camelonenet.app.KafkaBroker;
import io.camelonenet.docs.DocSection;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.studio.SubDevice;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The hand-over of a current-platform gateway between two packaged instances of one consumer group: a reading per
 * sub-device a second flows through Kafka; the owner leaves gracefully, then (after it came back as the standby) the
 * other owner is SIGKILLed. For each: the gap at the emulator between the end of the old owner's gateway connection
 * and the new owner's login, and until every sub-device is logged in again over the new connection (one sub/login
 * request each, at the connection's rate). Writes the cluster-gateway-handover section of docs/performance.md.
 */
public final class GatewayHandOverBenchmark {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = Path.of("target", "camel-onenet.jar");
    private static final String GATEWAY_PRODUCT = "gwBench01";
    private static final String GATEWAY = "bench-gateway";
    private static final String PRODUCT = "subBench01";
    private static final int SUB_DEVICES = 50;
    /** The gateway connection's messages a second (onenet.uplink.max-rate): sub/login requests included. */
    private static final int RATE = 10;
    private static final String TOPIC = "onenet-readings";
    private static final String GROUP = "bench-gateway-handover";

    private GatewayHandOverBenchmark() {
    }

    record HandOver(String kind, double gatewaySeconds, double subDevicesSeconds, int takeovers) {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.camelonenet.emulator"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("onenet-gateway-handover-");
        List<SubDevice> devices = IntStream.rangeClosed(1, SUB_DEVICES)
                .mapToObj(i -> new SubDevice(PRODUCT, "child-" + i)).toList();
        Path devicesFile = work.resolve("sub-devices.yaml");
        StringBuilder yaml = new StringBuilder("devices:\n");
        devices.forEach(d -> yaml.append("  - device-name: \"").append(d.deviceName()).append("\"\n    product-id: \"")
                .append(PRODUCT).append("\"\n    device-key: \"").append(key(d.deviceName())).append("\"\n"));
        Files.writeString(devicesFile, yaml);
        OneNetEmulator.Builder builder = OneNetEmulator.builder().port(FreePort.onLoopback())
                .commandPeriod(Duration.ZERO).studioDevice(GATEWAY_PRODUCT, GATEWAY, key(GATEWAY));
        devices.forEach(d -> builder.subDevice(GATEWAY, PRODUCT, d.deviceName(), key(d.deviceName())));
        AtomicBoolean feeding = new AtomicBoolean(true);
        List<HandOver> results = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), work);
             OneNetEmulator onenet = builder.build().start()) {
            kafka.createTopic(TOPIC, 1);
            kafka.createTopic("onenet-commands", 1);
            Thread feeder = new Thread(() -> feed(kafka.bootstrapServers(), devices, feeding), "feeder");
            feeder.start();
            Process first = start("first", kafka, onenet, devicesFile, work);
            Process second = null;
            try {
                awaitAllOnline(onenet, devices, Instant.now().plusSeconds(120));
                second = start("second", kafka, onenet, devicesFile, work);
                awaitMembers(kafka, 2);
                int takeovers = onenet.record().takeovers();
                int logins = onenet.record().logins(GATEWAY).size();
                first.destroy();
                results.add(measure("graceful leave", onenet, devices, logins, takeovers));
                first.waitFor(60, TimeUnit.SECONDS);

                first = start("first-again", kafka, onenet, devicesFile, work);
                awaitMembers(kafka, 2);
                takeovers = onenet.record().takeovers();
                logins = onenet.record().logins(GATEWAY).size();
                second.destroyForcibly();
                results.add(measure("SIGKILL (session timeout 10 s)", onenet, devices, logins, takeovers));
            } finally {
                feeding.set(false);
                first.destroy();
                if (second != null) {
                    second.destroy();
                }
                first.waitFor(60, TimeUnit.SECONDS);
                feeder.join(10_000);
            }
        }
        DocSection.replace(DocSection.PERFORMANCE, "cluster-gateway-handover", report(results));
    }

    /** A reading per sub-device a second, keyed by the gateway. */
    private static void feed(String servers, List<SubDevice> devices, AtomicBoolean feeding) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (long seq = 1; feeding.get(); seq++) {
                for (SubDevice device : devices) {
                    producer.send(new ProducerRecord<>(TOPIC, GATEWAY_PRODUCT + "/" + GATEWAY, "{\"productID\":\""
                            + PRODUCT + "\",\"deviceName\":\"" + device.deviceName() + "\",\"properties\":{\"seq\":"
                            + seq + "}}"));
                }
                TimeUnit.SECONDS.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls the emulator every 10 ms from the old owner's stop until the new owner has every sub-device online. */
    private static HandOver measure(String kind, OneNetEmulator onenet, List<SubDevice> devices, int loginsBefore,
                                    int takeoversBefore) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (onenet.record().logins(GATEWAY).size() <= loginsBefore) {
            check(deadline, kind + ": the gateway was not taken over");
            TimeUnit.MILLISECONDS.sleep(10);
        }
        Instant allOnline = awaitAllOnline(onenet, devices, deadline);
        List<Instant> logins = onenet.record().logins(GATEWAY);
        Instant login = logins.get(loginsBefore);
        double gap = gapSeconds(onenet.record().logouts(GATEWAY), logins.get(loginsBefore - 1), login);
        Instant logout = login.minusMillis(Math.round(gap * 1000));
        HandOver result = new HandOver(kind, gap, Duration.between(logout, allOnline).toMillis() / 1000.0,
                onenet.record().takeovers() - takeoversBefore);
        System.out.printf(Locale.ROOT, "gateway hand-over: %s: gateway %.2f s, %d sub-devices online after %.2f s, "
                + "%d takeovers%n", kind, result.gatewaySeconds(), SUB_DEVICES, result.subDevicesSeconds(),
                result.takeovers());
        return result;
    }

    /**
     * Seconds from the end of the session that {@code previousLogin} began (the first logout after it) to the next
     * login. The emulator records logins and logouts from its broker's lifecycle callbacks, which run on a pool: the
     * old session's logout may be recorded a little after the new login although the broker closed it first (it
     * reported no takeover). That gap counts as 0 rather than letting an older session's logout stand in for it.
     */
    static double gapSeconds(List<Instant> logouts, Instant previousLogin, Instant login) {
        Instant end = logouts.stream().filter(t -> t.isAfter(previousLogin)).min(Instant::compareTo).orElse(login);
        return Math.max(0, Duration.between(end, login).toMillis()) / 1000.0;
    }

    private static Instant awaitAllOnline(OneNetEmulator onenet, List<SubDevice> devices, Instant deadline)
            throws Exception {
        while (!devices.stream().allMatch(d -> onenet.subDeviceOnline(GATEWAY, d))) {
            check(deadline, "the sub-devices did not come online");
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return Instant.now();
    }

    /** Waits until the group is stable with this many members (the standby holds no partition). */
    private static void awaitMembers(KafkaBroker kafka, int members) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        try (Admin admin = kafka.admin()) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups()
                        .get(GROUP).get(10, TimeUnit.SECONDS);
                if (group.members().size() == members && "Stable".equalsIgnoreCase(String.valueOf(group.state()))) {
                    return;
                }
                check(deadline, "the group did not settle with " + members + " members");
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void check(Instant deadline, String what) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(what);
        }
    }

    private static Process start(String name, KafkaBroker kafka, OneNetEmulator onenet, Path devicesFile, Path work)
            throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-Xmx512m",
                "-Dcamel.management.port=" + FreePort.onLoopback(),
                "-Donenet.protocol=studio",
                "-Donenet.product-id=" + GATEWAY_PRODUCT,
                "-Donenet.device-name=" + GATEWAY,
                "-Donenet.uplink.max-rate=" + RATE,
                "-Donenet.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Donenet.cluster.kafka.group-id=" + GROUP,
                "-Donenet.cluster.instance-id=" + name,
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).directory(dir.toFile());
        builder.environment().put("ONENET_DEVICE_KEY", key(GATEWAY));
        builder.environment().put("ONENET_DEVICES_FILE", devicesFile.toString());
        builder.environment().put("ONENET_BROKER_URL", onenet.brokerUrl());
        builder.environment().put("ONENET_EMULATOR_ENABLED", "false");
        return builder.start();
    }

    private static String key(String name) {
        return Base64.getEncoder().encodeToString(("bench key of " + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String report(List<HandOver> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                Measured %s on %d cores: a Kafka 4.1.1 broker, the emulator and two packaged instances of one \
                current-platform gateway with %d sub-devices (one partition; a reading per sub-device a second), \
                the gateway's connection at onenet.uplink.max-rate=%d. From the end of the old owner's gateway \
                session, at the emulator (a logout it recorded after the login counts as 0): the new owner's login, and every sub-device logged in again (one \
                sub/login request each, paced with the rest of the connection's messages; polled every 10 ms).

                | event | gateway login after (s) | all %d sub-devices online after (s) | takeovers (double logins) |
                |---|---:|---:|---:|
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), SUB_DEVICES, RATE,
                SUB_DEVICES));
        for (HandOver result : results) {
            text.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d |%n", result.kind(),
                    result.gatewaySeconds(), result.subDevicesSeconds(), result.takeovers()));
        }
        return text.toString();
    }
}
