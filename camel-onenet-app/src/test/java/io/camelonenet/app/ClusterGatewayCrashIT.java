package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.studio.SubDevice;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY;
import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY_KEY;
import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY_PRODUCT;
import static io.camelonenet.app.SubDeviceGatewayTest.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A current-platform gateway's owner SIGKILLed while readings flow: two packaged instances of one gateway with 5
 * sub-devices in one consumer group on a real Kafka broker. The standby takes the gateway over after the session
 * timeout, logs it and its sub-devices in again, and goes on from the last committed reading: every sub-device's
 * readings arrive complete and in order, the duplicates stay within the window, and the gateway was never logged in
 * twice at once.
 */
class ClusterGatewayCrashIT {

    private static final String TOPIC = "onenet-readings";
    private static final int SUB_DEVICES = 5;
    private static final int READINGS = 60;
    private static final int WINDOW = 100;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private record Instance(Process process, int management) {
    }

    @Test
    void the_standby_takes_a_killed_owners_gateway_over_without_loss() throws Exception {
        List<SubDevice> devices = IntStream.rangeClosed(1, SUB_DEVICES).mapToObj(SubDeviceGatewayTest::child).toList();
        OneNetEmulator.Builder builder = SubDeviceGatewayTest.emulatorOf(devices).port(FreePort.onLoopback());
        Path file = work.resolve("sub-devices.yaml");
        Files.writeString(file, SubDeviceGatewayTest.devicesYaml(devices));
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Path.of("target", "cluster-it",
                "studio-crash"));
             OneNetEmulator onenet = builder.build().start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            kafka.createTopic(TOPIC, 1);
            kafka.createTopic("onenet-commands", 1);
            Instance owner = null;
            Instance standby = null;
            try {
                owner = start("owner", kafka, onenet, file);
                await().atMost(WAIT).until(() -> devices.stream().allMatch(d -> onenet.subDeviceOnline(GATEWAY, d)));
                standby = start("standby", kafka, onenet, file);
                Instance waiting = standby;
                await().atMost(WAIT).until(() -> PackagedApp.readiness(waiting.management())
                        .contains("owns no partition (standby)"));

                AtomicInteger sent = new AtomicInteger();
                Thread feeder = new Thread(() -> {
                    for (int seq = 1; seq <= READINGS; seq++) {
                        for (SubDevice device : devices) {
                            producer.send(new ProducerRecord<>(TOPIC, GATEWAY_PRODUCT + "/" + GATEWAY,
                                    "{\"productID\":\"" + PRODUCT + "\",\"deviceName\":\"" + device.deviceName()
                                            + "\",\"properties\":{\"seq\":" + seq + "}}"));
                        }
                        sent.set(seq);
                        // the feeder's pace (a round every 200 ms), so that the crash falls while readings flow
                        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    }
                }, "feeder");
                feeder.start();
                await().atMost(WAIT).until(() -> devices.stream()
                        .allMatch(d -> SubDeviceGatewayTest.seqs(onenet, d).size() >= 10));
                owner.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                assertThat(sent.get()).as("readings still to come after the crash").isLessThan(READINGS);
                owner = null;
                feeder.join(60_000);

                await().atMost(WAIT).until(() -> devices.stream().allMatch(d -> new LinkedHashSet<>(
                        SubDeviceGatewayTest.seqs(onenet, d)).size() >= READINGS));
                int duplicates = SubDeviceGatewayTest.assertCompleteAndInOrder(onenet, devices, READINGS);
                System.out.printf("cluster gateway crash: %d sub-devices, %d readings each, %d duplicates, %d gateway "
                        + "logins, %d takeovers%n", SUB_DEVICES, READINGS, duplicates,
                        onenet.record().logins(GATEWAY).size(), onenet.record().takeovers(GATEWAY));
                // what the killed owner had sent past its last commit goes again: at most the partition's window
                assertThat(duplicates).as("duplicates after the crash").isLessThanOrEqualTo(WINDOW);
                assertThat(onenet.record().takeovers(GATEWAY)).as("the gateway logged in twice at once").isZero();
                assertThat(onenet.record().logins(GATEWAY)).as("the owner's login, then the standby's").hasSize(2);
                Instance survivor = standby;
                await().atMost(WAIT).until(() -> PackagedApp.readiness(survivor.management())
                        .contains("1 partition, " + SUB_DEVICES + " of " + SUB_DEVICES + " devices online"));
            } finally {
                // stopped before the broker and the emulator close, so that they leave in peace
                for (Instance instance : new Instance[] {owner, standby}) {
                    if (instance != null) {
                        instance.process().destroy();
                        if (!instance.process().waitFor(60, TimeUnit.SECONDS)) {
                            instance.process().destroyForcibly();
                        }
                    }
                }
            }
        }
    }

    private Instance start(String name, KafkaBroker kafka, OneNetEmulator onenet, Path file) throws Exception {
        Map<String, String> environment = new HashMap<>();
        // the gateway's key by environment, not on the command line
        environment.put("ONENET_DEVICE_KEY", GATEWAY_KEY);
        environment.put("ONENET_DEVICES_FILE", file.toString());
        environment.put("ONENET_BROKER_URL", onenet.brokerUrl());
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_DOWNLINK_DIR", work.resolve(name).resolve("commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", work.resolve(name).resolve("dead-letter").toString());
        environment.put("ONENET_BUFFER_DIR", work.resolve(name).resolve("buffer").toString());
        // kept after the run, for a failure's post-mortem
        Path log = Path.of("target", "cluster-it", "studio-crash-" + name + ".log");
        Files.createDirectories(log.getParent());
        int management = FreePort.onLoopback();
        Process process = PackagedApp.start(log, environment,
                "-D" + PackagedApp.MANAGEMENT_PORT + "=" + management,
                "-Donenet.protocol=studio",
                "-Donenet.product-id=" + GATEWAY_PRODUCT,
                "-Donenet.device-name=" + GATEWAY,
                "-Donenet.uplink.max-rate=10",
                "-Donenet.cluster.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Donenet.cluster.instance-id=" + name,
                "-Donenet.cluster.kafka.session-timeout=6000",
                "-Donenet.cluster.window=" + WINDOW);
        return new Instance(process, management);
    }
}
