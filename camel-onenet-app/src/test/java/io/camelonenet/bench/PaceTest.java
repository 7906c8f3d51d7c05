package io.camelonenet.bench;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The harness's verdict on the rate limit: arrival jitter is not an excess, an excess of 0.5 % is. */
class PaceTest {

    private static final int LIMIT = 200;

    @Test
    void should_find_a_pace_exactly_at_the_limit_within_it_where_the_first_and_last_arrivals_read_above() {
        // the first message late by 3 ms, the last on time: the old verdict's miss
        long[] arrivals = paced(LIMIT, new Random(7));
        arrivals[0] += 3_000_000;

        Pace pace = Pace.of(arrivals, LIMIT);

        assertThat(pace.firstToLast()).isGreaterThan(LIMIT);
        assertThat(pace.fitted()).isCloseTo(LIMIT, within(0.05));
        assertThat(pace.withinLimit(LIMIT)).isTrue();
    }

    @Test
    void should_find_a_pace_half_a_percent_above_the_limit_above_it_despite_the_jitter() {
        Pace pace = Pace.of(paced(LIMIT * 1.005, new Random(7)), LIMIT);

        assertThat(pace.fitted()).isCloseTo(LIMIT * 1.005, within(0.05));
        assertThat(pace.withinLimit(LIMIT)).isFalse();
    }

    @Test
    void should_keep_a_pace_at_the_limit_whose_delays_fall_during_the_run() {
        // the first half of the messages up to 3 ms late, the second half up to 1 ms: the fitted rate reads above
        Random random = new Random(7);
        long[] arrivals = new long[1000];
        for (int i = 0; i < arrivals.length; i++) {
            long latest = i < 500 ? 3_000_000 : 1_000_000;
            arrivals[i] = i * 5_000_000L + (long) (random.nextDouble() * latest);
        }

        Pace pace = Pace.of(arrivals, LIMIT);

        assertThat(pace.fitted()).isGreaterThan(LIMIT);
        assertThat(pace.withinLimit(LIMIT)).isTrue();
    }

    @Test
    void should_give_the_shortest_time_a_second_of_intervals_took() {
        long[] arrivals = new long[1000];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = i * 5_000_000L;
        }
        arrivals[500] -= 2_000_000; // one message 2 ms early: 200 intervals ending on it took 0.998 s

        assertThat(Pace.of(arrivals, LIMIT).shortestSecondSpan()).isCloseTo(0.998, within(1e-9));
    }

    @Test
    void should_refuse_too_few_arrivals_to_show_a_second() {
        assertThatThrownBy(() -> Pace.of(new long[LIMIT], LIMIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200 arrivals");
    }

    /** 1,000 messages sent at {@code perSecond}, each arriving 0 to 3 ms late. */
    private static long[] paced(double perSecond, Random random) {
        long[] arrivals = new long[1000];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = (long) (i * 1e9 / perSecond) + (long) (random.nextDouble() * 3_000_000);
        }
        return arrivals;
    }
}
