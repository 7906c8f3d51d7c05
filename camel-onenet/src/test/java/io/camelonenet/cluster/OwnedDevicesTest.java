package io.camelonenet.cluster;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedDevicesTest {

    private static final List<String> DEVICES = IntStream.rangeClosed(1, 300)
            .mapToObj(n -> String.valueOf(30_000_000 + n)).toList();

    @Test
    void a_device_is_in_the_partition_the_kafka_producer_gives_its_key() {
        for (String device : DEVICES) {
            assertThat(OwnedDevices.partitionOf(device, 12)).as(device)
                    .isEqualTo(BuiltInPartitioner.partitionForKey(device.getBytes(StandardCharsets.UTF_8), 12));
        }
    }

    @Test
    void owns_the_devices_of_its_partitions_and_of_readings_seen_on_them() {
        OwnedDevices owned = new OwnedDevices();
        assertThat(DEVICES).noneMatch(owned::owns);
        owned.assigned(List.of(0, 1, 2, 3), 12);
        List<String> mine = owned.devicesOf(DEVICES, List.of(0, 1, 2, 3));
        assertThat(mine).isNotEmpty().allMatch(owned::owns);
        assertThat(DEVICES.stream().filter(owned::owns).toList()).isEqualTo(mine);
        assertThat(mine.size()).isLessThan(DEVICES.size());

        // a producer with its own partitioner put a device that Kafka's would put in partition 4 or above in 2
        String elsewhere = DEVICES.stream().filter(device -> OwnedDevices.partitionOf(device, 12) >= 4).findFirst()
                .orElseThrow();
        assertThat(owned.owns(elsewhere)).isFalse();
        assertThat(owned.seen(elsewhere, 2)).isTrue();
        assertThat(owned.owns(elsewhere)).isTrue();
        assertThat(owned.devicesOf(DEVICES, List.of(2))).contains(elsewhere);

        owned.revoked(List.of(2));
        assertThat(owned.owns(elsewhere)).isFalse();
        assertThat(DEVICES.stream().filter(owned::owns).count())
                .isEqualTo(owned.devicesOf(DEVICES, List.of(0, 1, 3)).size());
    }
}
