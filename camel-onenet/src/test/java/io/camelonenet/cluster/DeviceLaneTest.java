package io.camelonenet.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceLaneTest {

    private static DeviceLane.Reading reading(long offset) {
        return new DeviceLane.Reading(offset, ("{\"seq\":" + offset + "}").getBytes(StandardCharsets.UTF_8), 0);
    }

    private static List<Long> sendAll(DeviceLane lane, int window, long now) {
        List<Long> sent = new ArrayList<>();
        for (DeviceLane.Reading next; (next = lane.next(window, now)) != null; ) {
            sent.add(next.offset);
        }
        return sent;
    }

    @Test
    void sends_in_offset_order_up_to_the_window() {
        DeviceLane lane = new DeviceLane("d1", 3);
        for (long offset = 10; offset < 15; offset++) {
            lane.add(reading(offset));
        }
        assertThat(sendAll(lane, 3, 0)).containsExactly(10L, 11L, 12L);
        assertThat(lane.pending()).isEqualTo(3);
    }

    @Test
    void a_failure_reported_by_the_route_stops_the_lane_before_it_is_settled() {
        DeviceLane lane = new DeviceLane("d1", 0);
        List<DeviceLane.Reading> readings = List.of(reading(1), reading(2), reading(3));
        readings.forEach(lane::add);
        assertThat(lane.next(10, 0).offset).isEqualTo(1L);

        // reading 1 refused (not connected), its completion not settled yet: reading 2 must not go, or it could reach
        // the platform first if the device came up meanwhile
        lane.failedMeanwhile();
        assertThat(lane.next(10, 0)).isNull();

        // settled: rewound and paused, then 1, 2, 3 in order
        assertThat(lane.completed(readings.get(0), new IllegalStateException("d1 is not connected"), 0))
                .hasMessageContaining("not connected");
        assertThat(sendAll(lane, 10, 100)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_failure_completed_before_a_later_success_still_rewinds_the_lane() {
        DeviceLane lane = new DeviceLane("d1", 0);
        List<DeviceLane.Reading> readings = List.of(reading(1), reading(2), reading(3));
        readings.forEach(lane::add);
        assertThat(sendAll(lane, 10, 0)).containsExactly(1L, 2L, 3L);

        // the failed one completes first; the lane must not send on, and must come back once the others complete
        assertThat(lane.completed(readings.get(0), new IllegalStateException("d1 is not connected"), 0))
                .isNull();
        assertThat(lane.next(10, 0)).isNull();
        assertThat(lane.completed(readings.get(1), new IllegalStateException("d1 is not connected"), 0))
                .isNull();
        Exception reported = lane.completed(readings.get(2), null, 1_000);
        assertThat(reported).hasMessageContaining("not connected");

        // paused 100 ms, then the failed ones again in order; the one that succeeded is not sent again
        assertThat(lane.next(10, 1_050)).isNull();
        List<DeviceLane.Reading> again = new ArrayList<>();
        for (DeviceLane.Reading next; (next = lane.next(10, 1_100)) != null; ) {
            again.add(next);
        }
        assertThat(again).extracting(r -> r.offset).containsExactly(1L, 2L);
        assertThat(again).allMatch(r -> r.sentBefore);
    }

    @Test
    void the_same_failure_is_reported_once_and_the_pause_doubles_up_to_five_seconds() {
        DeviceLane lane = new DeviceLane("d1", 0);
        lane.add(reading(1));
        long now = 0;
        int reports = 0;
        List<Long> pauses = new ArrayList<>();
        DeviceLane.Reading sent = lane.next(10, now);
        for (int attempt = 0; attempt < 8; attempt++) {
            if (lane.completed(sent, new IllegalStateException("d1 is not connected"), now) != null) {
                reports++;
            }
            long failedAt = now;
            sent = null;
            while (sent == null) {
                now += 10;
                sent = lane.next(10, now);
            }
            pauses.add(now - failedAt);
        }
        assertThat(reports).isEqualTo(1);
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
    }

    @Test
    void readings_not_sent_are_left_to_the_next_owner_on_a_hand_over() {
        DeviceLane lane = new DeviceLane("d1", 0);
        for (long offset = 1; offset <= 5; offset++) {
            lane.add(reading(offset));
        }
        assertThat(lane.bytes()).isEqualTo(5 * "{\"seq\":1}".length());
        assertThat(sendAll(lane, 2, 0)).containsExactly(1L, 2L);
        assertThat(lane.dropUnsent()).as("bytes of the 3 readings not sent").isEqualTo(3 * "{\"seq\":1}".length());
        assertThat(lane.waiting()).isEqualTo(2);
        assertThat(lane.bytes()).as("what is still in flight").isEqualTo(2 * "{\"seq\":1}".length());
        lane.remove();
        assertThat(lane.next(10, 0)).isNull();
    }
}
