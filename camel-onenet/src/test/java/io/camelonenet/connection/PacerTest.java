package io.camelonenet.connection;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pace of logins and publishes, on a clock the test moves. */
class PacerTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final Pacer pacer = new Pacer(100, now::get);

    @Test
    void should_space_a_burst_one_interval_apart_from_now() {
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isEqualTo(10 * MS);
        assertThat(pacer.reserve(0)).isEqualTo(20 * MS);
        now.addAndGet(5 * MS);
        assertThat(pacer.reserve(0)).isEqualTo(25 * MS);
    }

    @Test
    void should_not_save_up_slots_while_idle() {
        pacer.reserve(0);
        now.addAndGet(10_000 * MS);

        // after ten idle seconds: one at once, then one interval apart, never a second's worth at once
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isEqualTo(10 * MS);
        assertThat(pacer.reserve(0)).isEqualTo(20 * MS);
    }

    @Test
    void should_give_a_slot_no_earlier_than_asked() {
        assertThat(pacer.reserve(300 * MS)).isEqualTo(300 * MS);
        assertThat(pacer.reserve(0)).isEqualTo(310 * MS);
    }

    @Test
    void should_take_no_slot_for_an_event_that_cannot_wait_for_it() {
        for (int i = 0; i < 10; i++) {
            pacer.reserve(0);
        }

        assertThat(pacer.reserveWithin(50 * MS)).isEqualTo(-1);
        // the refused one cost nothing: the next slot is still 100 ms away
        assertThat(pacer.reserveWithin(100 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void should_refuse_a_rate_that_is_not_above_zero() {
        assertThatThrownBy(() -> new Pacer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pacer(20).perSecond()).isEqualTo(20.0);
    }
}
