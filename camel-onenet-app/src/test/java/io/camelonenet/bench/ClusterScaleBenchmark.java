package io.camelonenet.bench;

import io.camelonenet.app.KafkaBroker;
import io.camelonenet.docs.DocSection;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Readings through Kafka into OneNET (the emulator) with 1, 2 and 3 instances of the packaged app in one consumer
 * group, on this machine: each run reads the same backlog (a new group starts at the beginning of the topic), and its
 * rate is the readings acknowledged between the run's first and last upload; the curve is against the single
 * instance of the same build in the same run. Then the hand-over time per device: from the old owner's disconnect
 * to the new owner's login, on a graceful leave and on a SIGKILL (the group's session timeout included). Rewrites the
 * cluster-scale section of docs/performance.md.
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.ClusterScaleBenchmark</pre>
 */
public final class ClusterScaleBenchmark {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = Path.of("target", "camel-onenet.jar");
    private static final int DEVICES = 300;
    private static final int PARTITIONS = 12;
    private static final int READINGS_PER_DEVICE = Integer.getInteger("bench.cluster.readings", 200);
    private static final String TOPIC = "onenet-readings";

    private ClusterScaleBenchmark() {
    }

    record Run(int instances, long readings, double seconds, int duplicates) {
        double rate() {
            return readings / seconds;
        }
    }

    record HandOver(String kind, int devices, double medianSeconds, double maxSeconds, int takeovers) {
    }

    public static void main(String[] args) throws Exception {
        // the emulator logs every upload at INFO: 240,000 lines would measure the console, not the cluster
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.camelonenet.emulator"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("onenet-cluster-bench-");
        Path devicesFile = work.resolve("devices.yaml");
        List<String> ids = IntStream.rangeClosed(1, DEVICES).mapToObj(n -> String.valueOf(40_000_000 + n)).toList();
        StringBuilder yaml = new StringBuilder("devices:\n");
        for (int i = 1; i <= DEVICES; i++) {
            yaml.append("  - device-id: \"").append(40_000_000 + i).append("\"\n    product-id: \"20001\"\n")
                    .append("    auth-info: \"bench-").append(i).append("\"\n");
        }
        Files.writeString(devicesFile, yaml);
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), work);
             OneNetEmulator onenet = OneNetEmulator.builder().port(FreePort.onLoopback())
                     .commandPeriod(Duration.ZERO).devices(DevicesFile.legacy().read(devicesFile)).build().start()) {
            kafka.createTopic(TOPIC, PARTITIONS);
            kafka.createTopic("onenet-commands", 3);
            fill(kafka.bootstrapServers(), ids);
            List<Run> runs = new ArrayList<>();
            for (int instances = 1; instances <= 3; instances++) {
                runs.add(run(instances, kafka, onenet, devicesFile, ids, work));
            }
            List<HandOver> handOvers = handOvers(kafka, onenet, devicesFile, ids, work);
            DocSection.replace(DocSection.PERFORMANCE, "cluster-scale", report(runs, handOvers));
        }
    }

    /** The backlog every run reads: READINGS_PER_DEVICE readings of every device, keyed by device id. */
    private static void fill(String servers, List<String> ids) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer())) {
            for (int seq = 1; seq <= READINGS_PER_DEVICE; seq++) {
                for (String id : ids) {
                    producer.send(new ProducerRecord<>(TOPIC, id, "{\"seq\":" + seq + "}"));
                }
            }
            producer.flush();
        }
    }

    private static Run run(int count, KafkaBroker kafka, OneNetEmulator onenet, Path devicesFile, List<String> ids,
                           Path work) throws Exception {
        int before = onenet.record().uploads().size();
        long total = (long) READINGS_PER_DEVICE * ids.size();
        String group = "bench-" + count;
        List<Process> instances = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                instances.add(start(group + "-" + i, group, kafka, onenet, devicesFile, work));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (onenet.record().uploads().size() - before < total) {
                if (System.nanoTime() > deadline || instances.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException("run with " + count + " instances did not finish; logs in " + work);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            stop(instances);
        }
        List<UploadedDatapoints> uploads = onenet.record().uploads();
        List<UploadedDatapoints> mine = uploads.subList(before, uploads.size());
        Instant first = mine.stream().map(UploadedDatapoints::receivedAt).min(Instant::compareTo).orElseThrow();
        Instant last = mine.stream().map(UploadedDatapoints::receivedAt).sorted().skip(total - 1).findFirst()
                .orElseThrow();
        Set<String> distinct = new HashSet<>();
        mine.forEach(upload -> distinct.add(upload.deviceId() + "/" + seq(upload)));
        Run run = new Run(count, total, Duration.between(first, last).toNanos() / 1e9, mine.size() - distinct.size());
        System.out.printf(Locale.ROOT, "cluster: %d instances: %d readings in %.1f s = %.0f/s, %d duplicates%n",
                count, total, run.seconds(), run.rate(), run.duplicates());
        return run;
    }

    /** Two instances; one leaves gracefully, comes back, then is SIGKILLed: the gap of each device it owned. */
    private static List<HandOver> handOvers(KafkaBroker kafka, OneNetEmulator onenet, Path devicesFile,
                                            List<String> ids, Path work) throws Exception {
        String group = "bench-handover";
        List<HandOver> results = new ArrayList<>();
        Process stays = start(group + "-stays", group, kafka, onenet, devicesFile, work);
        Process leaves = start(group + "-leaves", group, kafka, onenet, devicesFile, work);
        try {
            Map<String, Integer> logins = awaitSettled(onenet, ids);
            int takeovers = onenet.record().takeovers();
            leaves.destroy();
            leaves.waitFor(60, TimeUnit.SECONDS);
            results.add(measure("graceful leave", onenet, ids, logins, takeovers));

            Map<String, Integer> beforeRejoin = logins(onenet, ids);
            leaves = start(group + "-leaves-again", group, kafka, onenet, devicesFile, work);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (ids.stream().noneMatch(id -> onenet.record().logins(id).size() > beforeRejoin.get(id))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the instance that joined again took no device over");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            logins = awaitSettled(onenet, ids);
            takeovers = onenet.record().takeovers();
            leaves.destroyForcibly();
            leaves.waitFor(10, TimeUnit.SECONDS);
            results.add(measure("SIGKILL (session timeout 10 s)", onenet, ids, logins, takeovers));
        } finally {
            stop(List.of(stays, leaves));
        }
        return results;
    }

    private static Map<String, Integer> logins(OneNetEmulator onenet, List<String> ids) {
        Map<String, Integer> logins = new HashMap<>();
        ids.forEach(id -> logins.put(id, onenet.record().logins(id).size()));
        return logins;
    }

    /** Waits until every device is connected and no login happened for 5 s; returns the logins per device. */
    private static Map<String, Integer> awaitSettled(OneNetEmulator onenet, List<String> ids) throws Exception {
        Map<String, Integer> last = Map.of();
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Map<String, Integer> now = new HashMap<>();
            ids.forEach(id -> now.put(id, onenet.record().logins(id).size()));
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(5)
                    && ids.stream().allMatch(onenet::connected)) {
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the devices did not settle on their owners");
    }

    /** For each device that logged in again: its new login minus the end of its previous session. */
    private static HandOver measure(String kind, OneNetEmulator onenet, List<String> ids, Map<String, Integer> before,
                                    int takeoversBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!ids.stream().allMatch(onenet::connected)
                || ids.stream().noneMatch(id -> onenet.record().logins(id).size() > before.get(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(kind + ": the devices were not taken over");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        awaitSettled(onenet, ids);
        List<Double> gaps = new ArrayList<>();
        for (String id : ids) {
            List<Instant> logins = onenet.record().logins(id);
            if (logins.size() <= before.get(id)) {
                continue;
            }
            Instant login = logins.get(before.get(id));
            gaps.add(GatewayHandOverBenchmark.gapSeconds(onenet.record().logouts(id), logins.get(before.get(id) - 1),
                    login));
        }
        gaps.sort(Double::compare);
        HandOver result = new HandOver(kind, gaps.size(), gaps.get(gaps.size() / 2), gaps.get(gaps.size() - 1),
                onenet.record().takeovers() - takeoversBefore);
        System.out.printf(Locale.ROOT, "cluster: %s: %d devices moved, gap median %.2f s, max %.2f s, %d takeovers%n",
                kind, result.devices(), result.medianSeconds(), result.maxSeconds(), result.takeovers());
        return result;
    }

    private static Process start(String name, String group, KafkaBroker kafka, OneNetEmulator onenet,
                                 Path devicesFile, Path work) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-Xmx1g",
                "-Dcamel.management.port=" + FreePort.onLoopback(),
                "-Donenet.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Donenet.cluster.kafka.group-id=" + group,
                "-Donenet.cluster.instance-id=" + name,
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).directory(dir.toFile());
        builder.environment().put("ONENET_DEVICES_FILE", devicesFile.toString());
        builder.environment().put("ONENET_BROKER_URL", onenet.brokerUrl());
        builder.environment().put("ONENET_EMULATOR_ENABLED", "false");
        builder.environment().put("ONENET_CONNECT_RATE", "1000");
        return builder.start();
    }

    private static void stop(List<Process> instances) throws InterruptedException {
        instances.forEach(Process::destroy);
        for (Process instance : instances) {
            if (!instance.waitFor(60, TimeUnit.SECONDS)) {
                instance.destroyForcibly();
            }
        }
    }

    private static long seq(UploadedDatapoints upload) {
        return upload.datapoints().stream().filter(point -> point.streamId().equals("seq"))
                .map(point -> Long.parseLong(point.value().toString())).findFirst().orElse(-1L);
    }

    private static String report(List<Run> runs, List<HandOver> handOvers) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                Measured %s on %d cores: a Kafka 4.1.1 broker (KRaft, one node), the emulator and the instances on \
                one machine; %d devices, %d partitions, a backlog of %d readings a device read by each run from the \
                start (a group of its own), each instance with -Xmx1g; rate = readings acknowledged between the \
                run's first and last upload. On 2 cores every added instance shares the same CPUs with the others, \
                the broker and the emulator, so the curve shows the cost of coordination here, not the gain of \
                added machines.

                | instances | readings | seconds | readings/s | against 1 instance | duplicates |
                |---:|---:|---:|---:|---:|---:|
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), DEVICES, PARTITIONS,
                READINGS_PER_DEVICE));
        double single = runs.get(0).rate();
        for (Run run : runs) {
            text.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.0f | %.2fx | %d |%n", run.instances(),
                    run.readings(), run.seconds(), run.rate(), run.rate() / single, run.duplicates()));
        }
        text.append("""

                Hand-over per device (two instances, one leaves): from the end of the old owner's session to the new \
                owner's login, at the emulator (a logout the emulator recorded after the login counts as 0).

                | event | devices moved | median (s) | max (s) | takeovers (double logins) |
                |---|---:|---:|---:|---:|
                """);
        for (HandOver handOver : handOvers) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %d |%n", handOver.kind(),
                    handOver.devices(), handOver.medianSeconds(), handOver.maxSeconds(), handOver.takeovers()));
        }
        return text.toString();
    }
}
