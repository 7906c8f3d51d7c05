package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.gateway.DevicesFile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster instance that reads a Modbus device by a points file: its readings become records of the readings topic
 * of a real Kafka broker, keyed by device and timed by the poll, and the instance that owns the partition (this one)
 * sends them on to the platform.
 */
class ClusterFieldPointsIT {

    @TempDir
    Path work;

    @Test
    void field_readings_go_through_the_readings_topic_to_the_platform() throws Exception {
        List<Integer> numbers = IntStream.rangeClosed(1, 2).boxed().toList();
        Path devicesFile = Files.writeString(work.resolve("devices.yaml"), GatewayRoutesTest.devicesYaml(numbers, null));
        String device = GatewayRoutesTest.id(2);
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), Path.of("target", "cluster-it", "field"));
             ModbusField meter = ModbusField.start();
             OneNetEmulator onenet = OneNetEmulator.builder().devices(DevicesFile.legacy().read(devicesFile))
                     .commandPeriod(Duration.ZERO).build().start()) {
            kafka.createTopic("onenet-readings", 1);
            kafka.createTopic("onenet-commands", 1);
            meter.holding(0, 4711);
            Path points = Files.writeString(work.resolve("points.yaml"), """
                    sources:
                      - name: meter
                        modbus-tcp: "%s"
                        poll: 100
                        device: "%s"
                        points: [{name: energy, register: holding 0}]
                    """.formatted(meter.address(), device));
            Map<String, String> properties = RunningApp.properties(onenet, work);
            properties.put("onenet.devices.file", devicesFile.toString());
            properties.put("onenet.cluster.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("onenet.cluster.kafka.session-timeout", "6000");
            properties.put("onenet.points.file", points.toString());
            properties.put("onenet.points.state-file", work.resolve("last.json").toString());
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(Duration.ofSeconds(60)).until(() -> energy(onenet, device).contains(4711));
                meter.holding(0, 4712);
                await().atMost(Duration.ofSeconds(60)).until(() -> energy(onenet, device).equals(List.of(4711, 4712)));

                List<ConsumerRecord<String, String>> records = records(kafka);
                assertThat(records).extracting(ConsumerRecord::key).containsOnly(device);
                assertThat(records).extracting(ConsumerRecord::value)
                        .containsExactly("{\"energy\":4711}", "{\"energy\":4712}");
                Datapoint first = onenet.record().uploads().get(0).datapoints().get(0);
                // the platform gets the poll's time, the record's own: not the time the owner sent it on
                assertThat(first.at().toEpochMilli() / 1000).isEqualTo(records.get(0).timestamp() / 1000);
            }
        }
    }

    private static List<Object> energy(OneNetEmulator onenet, String device) {
        return onenet.record().uploads().stream().filter(upload -> upload.deviceId().equals(device))
                .flatMap(upload -> upload.datapoints().stream()).map(Datapoint::value).toList();
    }

    private static List<ConsumerRecord<String, String>> records(KafkaBroker kafka) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "field-points-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("onenet-readings"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 2;
            });
        }
        return records;
    }
}
