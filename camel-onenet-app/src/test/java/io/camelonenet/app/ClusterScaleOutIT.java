package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three packaged instances in one Kafka consumer group (a real KRaft broker, a process of its own) share 300 legacy
 * devices of the emulator while a producer writes a reading for every device twice a second. One instance is
 * SIGKILLed; a fourth joins and then stops gracefully. Every device is connected by one instance at a time (the
 * emulator counts takeovers), every device's readings arrive complete and in order, duplicates stay within the
 * window of the partitions that moved, and the graceful hand-overs add none. A command to a device reaches the
 * commands topic before it is answered.
 */
class ClusterScaleOutIT {

    private static final int DEVICES = 300;
    private static final int PARTITIONS = 12;
    private static final int WINDOW = 200;
    private static final Pattern ASSIGNED = Pattern.compile("partitions \\[[^]]*] assigned; connecting their (\\d+)");

    @TempDir
    Path work;

    private record Instance(String name, Process process, Path log, int management) {
    }

    @Test
    void instances_share_the_devices_survive_a_sigkill_and_hand_over_gracefully() throws Exception {
        List<String> ids = IntStream.rangeClosed(1, DEVICES).mapToObj(GatewayRoutesTest::id).toList();
        Path devicesFile = work.resolve("devices.yaml");
        Files.writeString(devicesFile, GatewayRoutesTest.devicesYaml(IntStream.rangeClosed(1, DEVICES).boxed()
                .toList(), null));
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Path.of("target", "cluster-it"));
             OneNetEmulator onenet = OneNetEmulator.builder().port(FreePort.onLoopback())
                     .commandPeriod(Duration.ZERO).devices(DevicesFile.legacy().read(devicesFile)).build().start()) {
            kafka.createTopic("onenet-readings", PARTITIONS);
            kafka.createTopic("onenet-commands", 3);
            List<Instance> running = new ArrayList<>();
            Feeder feeder = new Feeder(kafka.bootstrapServers(), ids);
            try {
                for (String name : List.of("a", "b", "c")) {
                    running.add(start(name, kafka, onenet, devicesFile));
                }
                // every device owned by exactly one instance: the owned devices of the three add up to all, every
                // device is connected, and none was ever logged in while its other connection was up
                await().atMost(Duration.ofSeconds(120)).until(() -> allConnected(onenet, ids)
                        && ownedDevices(running) == DEVICES);
                assertThat(onenet.record().takeovers()).isZero();
                // the status page's document names the partitions each instance owns: every one, each once, and
                // lists the devices it owns (read together, while no hand-over is under way)
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<Integer> partitions = new ArrayList<>();
                    int statusDevices = 0;
                    int listedDevices = 0;
                    for (Instance instance : running) {
                        com.fasterxml.jackson.databind.JsonNode status = PackagedApp.status(instance.management());
                        assertThat(status.get("app").get("mode").asText()).isEqualTo("cluster");
                        status.get("cluster").get("partitions").forEach(p -> partitions.add(p.asInt()));
                        statusDevices += status.get("cluster").get("devices").asInt();
                        listedDevices += status.get("devices").get("total").asInt();
                    }
                    assertThat(partitions).containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, PARTITIONS).boxed().toList());
                    assertThat(statusDevices).isEqualTo(DEVICES);
                    assertThat(listedDevices).as("each instance lists the devices it owns").isEqualTo(DEVICES);
                });

                feeder.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> feeder.rounds() >= 6);

                // a crash while readings flow: the others take its devices after the session timeout
                Map<String, Integer> loginsBefore = logins(onenet, ids);
                Instance killed = running.remove(2);
                killed.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(90)).until(() -> allConnected(onenet, ids)
                        && moved(onenet, ids, loginsBefore) > 0);
                int movedByCrash = moved(onenet, ids, loginsBefore);
                assertThat(movedByCrash).as("devices the killed instance owned").isBetween(1, DEVICES - 1);
                int roundsAfterCrash = feeder.rounds() + 2;
                await().atMost(Duration.ofSeconds(90)).until(() -> everyDeviceHas(onenet, ids, roundsAfterCrash));
                int duplicatesAfterCrash = duplicates(onenet, ids);
                int takeoversAfterCrash = onenet.record().takeovers();

                // an instance joins, takes partitions over, and leaves gracefully
                Instance joined = start("d", kafka, onenet, devicesFile);
                await().atMost(Duration.ofSeconds(90)).until(() -> devicesAssigned(joined.log()) > 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> allConnected(onenet, ids));
                int roundsWithFour = feeder.rounds() + 2;
                await().atMost(Duration.ofSeconds(60)).until(() -> everyDeviceHas(onenet, ids, roundsWithFour));
                joined.process().destroy();
                assertThat(joined.process().waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> allConnected(onenet, ids));
                int rounds = feeder.stop();
                await().atMost(Duration.ofSeconds(90)).until(() -> everyDeviceHas(onenet, ids, rounds));

                Map<String, List<Long>> seqs = seqsByDevice(onenet);
                for (String id : ids) {
                    List<Long> received = seqs.get(id);
                    List<Long> firstSeen = received.stream().distinct().toList();
                    assertThat(firstSeen).as("readings of %s, duplicates removed", id)
                            .isEqualTo(IntStream.rangeClosed(1, rounds).mapToObj(n -> (long) n).toList());
                }
                int duplicates = duplicates(onenet, ids);
                System.out.printf("cluster: %d devices, %d rounds, %d moved by the crash, %d duplicates after the "
                        + "crash, %d in all, %d takeovers%n", DEVICES, rounds, movedByCrash, duplicatesAfterCrash,
                        duplicates, onenet.record().takeovers());
                // a crash re-sends at most the window of each partition that moved
                assertThat(duplicatesAfterCrash).isLessThanOrEqualTo(WINDOW * PARTITIONS);
                // graceful hand-overs: in flight settled and committed before the new owner starts, no login twice
                assertThat(duplicates).as("duplicates from the join and the graceful leave")
                        .isEqualTo(duplicatesAfterCrash);
                assertThat(onenet.record().takeovers()).as("takeovers in the graceful hand-overs")
                        .isEqualTo(takeoversAfterCrash);

                // a command reaches the commands topic, keyed by its device, and is answered
                String device = ids.get(41);
                String commandId = onenet.pushCommand(device, "set-interval 5");
                assertThat(firstCommand(kafka.bootstrapServers(), device)).isEqualTo("set-interval 5");
                await().atMost(Duration.ofSeconds(30)).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)));
            } finally {
                feeder.stop();
                for (Instance instance : running) {
                    instance.process().destroy();
                }
                for (Instance instance : running) {
                    if (!instance.process().waitFor(60, TimeUnit.SECONDS)) {
                        instance.process().destroyForcibly();
                    }
                }
            }
        }
    }

    private Instance start(String name, KafkaBroker kafka, OneNetEmulator onenet, Path devicesFile) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_DEVICES_FILE", devicesFile.toString());
        environment.put("ONENET_BROKER_URL", onenet.brokerUrl());
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_DOWNLINK_DIR", work.resolve(name).resolve("commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", work.resolve(name).resolve("dead-letter").toString());
        environment.put("ONENET_BUFFER_DIR", work.resolve(name).resolve("buffer").toString());
        // kept after the run, for a failure's post-mortem (target/ at the root: the tests run there)
        Path log = Path.of("target", "cluster-it", name + ".log");
        Files.createDirectories(log.getParent());
        int management = FreePort.onLoopback();
        Process process = PackagedApp.start(log, environment,
                "-D" + PackagedApp.MANAGEMENT_PORT + "=" + management,
                "-Donenet.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Donenet.cluster.instance-id=" + name,
                "-Donenet.cluster.kafka.session-timeout=6000",
                "-Donenet.cluster.window=" + WINDOW,
                "-Donenet.connect.rate=500");
        return new Instance(name, process, log, management);
    }

    /** The devices the instances own, from each one's readiness check ("N partitions, n of M devices online"). */
    private static int ownedDevices(List<Instance> instances) throws Exception {
        int owned = 0;
        for (Instance instance : instances) {
            String health = PackagedApp.readiness(instance.management());
            Matcher devices = Pattern.compile("of (\\d+) devices online").matcher(health);
            if (!devices.find()) {
                return -1;
            }
            owned += Integer.parseInt(devices.group(1));
        }
        return owned;
    }

    private static Map<String, Integer> logins(OneNetEmulator onenet, List<String> ids) {
        Map<String, Integer> logins = new HashMap<>();
        ids.forEach(id -> logins.put(id, onenet.record().logins(id).size()));
        return logins;
    }

    /** Devices that logged in again since {@code before}: those a new owner took. */
    private static int moved(OneNetEmulator onenet, List<String> ids, Map<String, Integer> before) {
        return (int) ids.stream().filter(id -> onenet.record().logins(id).size() > before.get(id)).count();
    }

    private static boolean allConnected(OneNetEmulator onenet, List<String> ids) {
        return ids.stream().allMatch(onenet::connected);
    }

    private static int devicesAssigned(Path log) throws Exception {
        Matcher matcher = ASSIGNED.matcher(Files.readString(log));
        int devices = 0;
        while (matcher.find()) {
            devices += Integer.parseInt(matcher.group(1));
        }
        return devices;
    }

    private static boolean everyDeviceHas(OneNetEmulator onenet, List<String> ids, int rounds) {
        Map<String, List<Long>> seqs = seqsByDevice(onenet);
        return ids.stream().allMatch(id -> seqs.getOrDefault(id, List.of()).stream().distinct().count() >= rounds);
    }

    private static int duplicates(OneNetEmulator onenet, List<String> ids) {
        Map<String, List<Long>> seqs = seqsByDevice(onenet);
        return ids.stream().mapToInt(id -> {
            List<Long> received = seqs.getOrDefault(id, List.of());
            return received.size() - (int) received.stream().distinct().count();
        }).sum();
    }

    private static Map<String, List<Long>> seqsByDevice(OneNetEmulator onenet) {
        Map<String, List<Long>> seqs = new HashMap<>();
        for (UploadedDatapoints upload : onenet.record().uploads()) {
            seqs.computeIfAbsent(upload.deviceId(), d -> new ArrayList<>()).add(seq(upload));
        }
        return seqs;
    }

    private static long seq(UploadedDatapoints upload) {
        return upload.datapoints().stream().filter(point -> point.streamId().equals("seq"))
                .map(point -> Long.parseLong(point.value().toString())).findFirst().orElseThrow();
    }

    private static String firstCommand(String servers, String device) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "command-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("onenet-commands"));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(record -> device.equals(record.key()));
            });
            return seen.stream().filter(record -> device.equals(record.key()))
                    .map(record -> new String(record.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        }
    }

    /** Writes round n ({"seq": n}) for every device, keyed by device id, twice a second. */
    private static final class Feeder {
        private final KafkaProducer<String, String> producer;
        private final List<String> ids;
        private final AtomicInteger rounds = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Feeder(String servers, List<String> ids) {
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(), new StringSerializer());
            this.ids = ids;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                long next = System.nanoTime();
                while (running.get()) {
                    int round = rounds.get() + 1;
                    for (String id : ids) {
                        producer.send(new ProducerRecord<>("onenet-readings", id, "{\"seq\":" + round + "}"));
                    }
                    producer.flush();
                    rounds.set(round);
                    next += 500_000_000L;
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
            }, "feeder");
            thread.start();
        }

        int rounds() {
            return rounds.get();
        }

        /** Stops after the round being written; returns how many rounds were written. */
        int stop() throws InterruptedException {
            if (running.getAndSet(false) && thread != null) {
                thread.join(30_000);
                producer.close(Duration.ofSeconds(10));
            }
            return rounds.get();
        }
    }
}
