package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.health.GatewayCounters;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance (the app in this JVM) reading a one-partition topic of a real Kafka broker: what cannot be sent (a
 * record for no device of the file, one that is not JSON) becomes a dead letter and the partition goes on; a device
 * the platform refuses holds the partition's commit point at its first reading while the partition's other devices
 * keep going; a reading counts as published only once the platform acknowledged it; a command reaches the commands
 * topic and the file before its reply.
 */
class ClusterReadingsIT {

    private static final String REFUSED = GatewayRoutesTest.id(3);

    @TempDir
    Path work;

    @Test
    void bad_records_are_dead_letters_and_a_refused_device_holds_only_the_commit_point() throws Exception {
        List<Integer> numbers = IntStream.rangeClosed(1, 5).boxed().toList();
        Path emulatorFile = work.resolve("emulator-devices.yaml");
        Files.writeString(emulatorFile, GatewayRoutesTest.devicesYaml(numbers, null));
        Path devicesFile = work.resolve("devices.yaml");
        Files.writeString(devicesFile, GatewayRoutesTest.devicesYaml(numbers, REFUSED));
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Path.of("target", "cluster-it", "readings"));
             OneNetEmulator onenet = OneNetEmulator.builder().devices(DevicesFile.legacy().read(emulatorFile))
                     .commandPeriod(Duration.ZERO).build().start()) {
            kafka.createTopic("onenet-readings", 1);
            kafka.createTopic("onenet-commands", 1);
            Map<String, String> properties = RunningApp.properties(onenet, work);
            properties.put("onenet.devices.file", devicesFile.toString());
            properties.put("onenet.cluster.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("onenet.cluster.kafka.session-timeout", "6000");
            List<String> good = numbers.stream().map(GatewayRoutesTest::id).filter(id -> !id.equals(REFUSED)).toList();
            long refusedFirstOffset;
            try (RunningApp app = RunningApp.start(properties, context -> { });
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                         ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> good.stream().allMatch(onenet::connected));
                refusedFirstOffset = -1;
                for (int seq = 1; seq <= 10; seq++) {
                    for (int number : numbers) {
                        String id = GatewayRoutesTest.id(number);
                        RecordMetadata sent = producer.send(new ProducerRecord<>("onenet-readings", id,
                                "{\"seq\":" + seq + "}")).get(10, TimeUnit.SECONDS);
                        if (id.equals(REFUSED) && refusedFirstOffset < 0) {
                            refusedFirstOffset = sent.offset();
                        }
                    }
                    if (seq == 5) {
                        producer.send(new ProducerRecord<>("onenet-readings", "99999999", "{\"seq\":5}"));
                        producer.send(new ProducerRecord<>("onenet-readings", good.get(0), "{\"seq\":"));
                    }
                }
                producer.flush();

                // the others of the partition: every reading, in order, past the bad records and the refused device
                await().atMost(Duration.ofSeconds(60)).until(() -> good.stream()
                        .allMatch(id -> seqs(onenet, id).size() >= 10));
                for (String id : good) {
                    assertThat(seqs(onenet, id)).as(id).isEqualTo(IntStream.rangeClosed(1, 10)
                            .mapToObj(n -> (long) n).toList());
                }
                assertThat(seqs(onenet, REFUSED)).isEmpty();
                // published counts a PUBACK: read before what the broker recorded, never more than that; none for
                // the refused device, whose readings wait in Kafka
                GatewayCounters counters = app.context().getRegistry().lookupByNameAndType("gatewayCounters",
                        GatewayCounters.class);
                for (String id : good) {
                    long published = counters.of(id).snapshot().get("published");
                    assertThat(published).as("published of %s", id).isBetween(1L, (long) seqs(onenet, id).size());
                }
                assertThat(counters.of(REFUSED).snapshot().get("published")).as("published of the refused device")
                        .isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> RunningApp.deadLetters(work).size() >= 2);
                String letters = RunningApp.deadLettersText(work);
                assertThat(letters).contains("device 99999999 is not in the devices file")
                        .contains("not JSON");

                // the partition is committed up to the refused device's first reading, not past it
                long point = refusedFirstOffset;
                await().atMost(Duration.ofSeconds(30)).until(() -> committed(kafka) == point);

                HealthCheck.Result ready = app.check("onenet-cluster");
                assertThat(ready.getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(ready.getMessage()).hasValue("1 partition, 4 of 5 devices online, 1 refused");

                // a command: in the commands topic and the device's directory, then answered
                String device = good.get(1);
                String commandId = onenet.pushCommand(device, "reboot");
                await().atMost(Duration.ofSeconds(30)).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)));
                assertThat(work.resolve("commands").resolve(device)).isDirectoryContaining("glob:**.cmd");
            }
        }
    }

    private static long committed(KafkaBroker kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("camel-onenet").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition("onenet-readings", 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static List<Long> seqs(OneNetEmulator onenet, String device) {
        return onenet.record().uploads().stream().filter(upload -> upload.deviceId().equals(device))
                .map(ClusterReadingsIT::seq).toList();
    }

    private static long seq(UploadedDatapoints upload) {
        return upload.datapoints().stream().filter(point -> point.streamId().equals("seq"))
                .map(point -> Long.parseLong(point.value().toString())).findFirst().orElseThrow();
    }
}
