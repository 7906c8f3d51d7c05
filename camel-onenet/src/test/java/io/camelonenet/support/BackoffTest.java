package io.camelonenet.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff reconnects = Backoff.jittered(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void should_double_per_failure_within_jitter_bounds() {
        for (int i = 0; i < 200; i++) {
            assertThat(reconnects.delayMillis(1)).isBetween(500L, 1000L);
            assertThat(reconnects.delayMillis(3)).isBetween(2000L, 4000L);
        }
    }

    @Test
    void should_stay_at_the_cap_forever() {
        for (int failures : new int[] {7, 8, 31, 32, 1000, Integer.MAX_VALUE}) {
            assertThat(reconnects.delayMillis(failures)).isBetween(30_000L, 60_000L);
        }
    }

    @Test
    void should_give_a_lane_exact_waits_from_100_ms_to_5_s() {
        assertThat(Backoff.LANE.delayMillis(0)).isEqualTo(100);
        assertThat(Backoff.LANE.delayMillis(1)).isEqualTo(100);
        assertThat(Backoff.LANE.delayMillis(2)).isEqualTo(200);
        assertThat(Backoff.LANE.delayMillis(6)).isEqualTo(3_200);
        assertThat(Backoff.LANE.delayMillis(7)).isEqualTo(5_000);
        assertThat(Backoff.LANE.delayMillis(Integer.MAX_VALUE)).isEqualTo(5_000);
    }

    @Test
    void should_refuse_a_cap_below_the_first_wait() {
        assertThatThrownBy(() -> Backoff.exact(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
