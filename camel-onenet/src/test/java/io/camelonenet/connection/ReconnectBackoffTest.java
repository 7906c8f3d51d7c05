package io.camelonenet.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void should_double_per_failure_within_jitter_bounds() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayAfter(1).toMillis()).isBetween(500L, 1000L);
            assertThat(backoff.delayAfter(3).toMillis()).isBetween(2000L, 4000L);
        }
    }

    @Test
    void should_stay_at_the_cap_forever() {
        for (int failures : new int[] {7, 8, 31, 32, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayAfter(failures).toMillis()).isBetween(30_000L, 60_000L);
        }
    }
}
