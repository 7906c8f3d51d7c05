package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.ThingReply;
import io.camelonenet.health.GatewayCounters;
import io.camelonenet.studio.SubDevice;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY;
import static io.camelonenet.app.SubDeviceGatewayTest.GATEWAY_PRODUCT;
import static io.camelonenet.app.SubDeviceGatewayTest.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A current-platform gateway in a cluster of two instances (the app twice in this JVM) on a real Kafka broker: the
 * readings, keyed by the gateway, are carried by the instance that owns its partition while the other stands by; a
 * record for a sub-device not in the file and one keyed by another gateway become dead letters; when the owner stops
 * while readings flow, the other logs the gateway in only after the owner logged it out (no takeover), and every
 * sub-device's readings arrive complete and in order, each counted as published only after the platform accepted it; a
 * property set reaches the commands topic before its answer.
 */
class ClusterSubDevicesIT {

    private static final String TOPIC = "onenet-readings";
    private static final String GATEWAY_RECORD_KEY = GATEWAY_PRODUCT + "/" + GATEWAY;
    private static final int SUB_DEVICES = 5;
    private static final int READINGS = 40;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void the_gateways_owner_carries_its_sub_devices_and_hands_them_over_without_loss_or_double_login()
            throws Exception {
        List<SubDevice> devices = IntStream.rangeClosed(1, SUB_DEVICES).mapToObj(SubDeviceGatewayTest::child).toList();
        OneNetEmulator.Builder builder = SubDeviceGatewayTest.emulatorOf(devices);
        Path file = work.resolve("sub-devices.yaml");
        Files.writeString(file, SubDeviceGatewayTest.devicesYaml(devices));
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Path.of("target", "cluster-it", "studio"));
             OneNetEmulator onenet = builder.build().start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            kafka.createTopic(TOPIC, 1);
            kafka.createTopic("onenet-commands", 1);
            RunningApp a = RunningApp.start(properties(onenet, kafka, file, "a"), context -> { });
            RunningApp b = null;
            try {
                await().atMost(WAIT).until(() -> devices.stream().allMatch(d -> onenet.subDeviceOnline(GATEWAY, d)));
                for (int seq = 1; seq <= READINGS / 2; seq++) {
                    send(producer, devices, seq);
                }
                producer.send(new ProducerRecord<>(TOPIC, GATEWAY_RECORD_KEY, reading(new SubDevice(PRODUCT,
                        "stranger"), 1))).get(10, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(TOPIC, GATEWAY_PRODUCT + "/another-gateway",
                        reading(devices.get(0), 1))).get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> devices.stream()
                        .allMatch(d -> SubDeviceGatewayTest.seqs(onenet, d).size() >= READINGS / 2));
                // published: readings the platform accepted, counted after its answer (read before what it recorded)
                GatewayCounters counters = a.context().getRegistry().lookupByNameAndType("gatewayCounters",
                        GatewayCounters.class);
                await().atMost(WAIT).until(() -> devices.stream()
                        .allMatch(d -> SubDeviceGatewayTest.published(counters, d) >= 1));
                for (SubDevice device : devices) {
                    long published = SubDeviceGatewayTest.published(counters, device);
                    assertThat(published).as("published of %s", device)
                            .isBetween(1L, (long) SubDeviceGatewayTest.seqs(onenet, device).size());
                }
                await().atMost(WAIT).until(() -> RunningApp.deadLetters(work.resolve("a")).size() >= 2);
                String letters = RunningApp.deadLettersText(work.resolve("a"));
                assertThat(letters).contains("sub-device " + PRODUCT + "/stranger is not in the devices file")
                        .contains("key " + GATEWAY_PRODUCT + "/another-gateway is not this gateway");

                // an event of a sub-device, carried as its readings are
                SubDevice alarmed = devices.get(1);
                producer.send(new ProducerRecord<>(TOPIC, GATEWAY_RECORD_KEY, "{\"productID\":\"" + PRODUCT
                        + "\",\"deviceName\":\"" + alarmed.deviceName() + "\",\"events\":{\"alarm\":{\"code\":7}}}"))
                        .get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> !SubDeviceGatewayTest.events(onenet, alarmed).isEmpty());
                assertThat(SubDeviceGatewayTest.events(onenet, alarmed)).singleElement()
                        .satisfies(event -> assertThat(event.value().toString()).isEqualTo("{\"code\":7}"));

                // a second instance joins: the gateway's partition stays with its owner, the second stands by
                b = RunningApp.start(properties(onenet, kafka, file, "b"), context -> { });
                RunningApp standby = b;
                await().atMost(WAIT).until(() -> standby.check("onenet-cluster").getMessage().orElse("")
                        .equals("in the consumer group; owns no partition (standby)"));
                assertThat(onenet.record().logins(GATEWAY)).as("the standby does not log the gateway in").hasSize(1);
                assertThat(a.check("onenet-cluster").getMessage()).hasValue("1 partition, " + SUB_DEVICES + " of "
                        + SUB_DEVICES + " devices online");

                // the owner stops while readings flow: the other takes the gateway over
                Thread feeder = new Thread(() -> {
                    for (int seq = READINGS / 2 + 1; seq <= READINGS; seq++) {
                        send(producer, devices, seq);
                        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
                    }
                }, "feeder");
                feeder.start();
                await().atMost(WAIT).until(() -> devices.stream()
                        .allMatch(d -> SubDeviceGatewayTest.seqs(onenet, d).size() >= READINGS / 2 + 3));
                a.close();
                a = null;
                feeder.join(30_000);
                await().atMost(WAIT).until(() -> devices.stream().allMatch(d -> new LinkedHashSet<>(
                        SubDeviceGatewayTest.seqs(onenet, d)).size() >= READINGS));
                int duplicates = SubDeviceGatewayTest.assertCompleteAndInOrder(onenet, devices, READINGS);
                // a graceful hand-over lets the batch on its way be answered and commits it: nothing goes twice
                assertThat(duplicates).as("duplicates after a graceful hand-over").isZero();
                assertThat(onenet.record().takeovers(GATEWAY)).as("the gateway logged in twice at once").isZero();
                assertThat(onenet.record().logins(GATEWAY)).hasSize(2);
                HealthCheck.Result ready = b.check("onenet-cluster");
                assertThat(ready.getMessage()).hasValue("1 partition, " + SUB_DEVICES + " of " + SUB_DEVICES
                        + " devices online");

                // a property set: in the commands topic, keyed by the sub-device, then answered
                SubDevice target = devices.get(2);
                String id = onenet.setSubDeviceProperties(GATEWAY, target, Map.of("valve", "closed"));
                await().atMost(WAIT).until(() -> reply(onenet, id).isPresent());
                assertThat(reply(onenet, id).orElseThrow().code()).isEqualTo(200);
                ConsumerRecord<String, String> command = commands(kafka).stream()
                        .filter(r -> r.key().equals(PRODUCT + "/" + target.deviceName())).findFirst().orElseThrow();
                assertThat(command.value()).isEqualTo("{\"valve\":\"closed\"}");
                assertThat(new String(command.headers().lastHeader("OneNetThingRequest").value(),
                        StandardCharsets.UTF_8)).isEqualTo("set");
            } finally {
                if (a != null) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    private Map<String, String> properties(OneNetEmulator onenet, KafkaBroker kafka, Path file, String instance)
            throws Exception {
        Map<String, String> properties = SubDeviceGatewayTest.properties(onenet, work, file);
        properties.put("onenet.cluster.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("onenet.cluster.kafka.session-timeout", "6000");
        properties.put("onenet.cluster.instance-id", instance);
        // each instance its own data directories, as on two machines (one app per data directory)
        properties.put("onenet.buffer.dir", work.resolve(instance).resolve("buffer").toString());
        properties.put("onenet.downlink.dir", work.resolve(instance).resolve("commands").toString());
        properties.put("onenet.dead-letter.dir", work.resolve(instance).resolve("dead-letter").toString());
        return properties;
    }

    private static void send(KafkaProducer<String, String> producer, List<SubDevice> devices, int seq) {
        for (SubDevice device : devices) {
            producer.send(new ProducerRecord<>(TOPIC, GATEWAY_RECORD_KEY, reading(device, seq)));
        }
    }

    private static String reading(SubDevice device, int seq) {
        return "{\"productID\":\"" + device.productId() + "\",\"deviceName\":\"" + device.deviceName()
                + "\",\"properties\":{\"seq\":" + seq + "}}";
    }

    private static Optional<ThingReply> reply(OneNetEmulator onenet, String id) {
        return onenet.record().thingReplies().stream().filter(reply -> reply.id().equals(id)).findFirst();
    }

    private static List<ConsumerRecord<String, String>> commands(KafkaBroker kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("onenet-commands", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            return records;
        }
    }
}
