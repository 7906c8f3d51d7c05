package io.camelonenet.datapoint;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class OneNetTimeTest {

    @Property(tries = 2000)
    void should_format_like_java_time_in_any_zone_and_style(
            @ForAll @LongRange(min = -2_208_988_800L, max = 7_258_118_400L) long epochSecond,
            @ForAll("zones") String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Instant instant = Instant.ofEpochSecond(epochSecond, 999_999_999);

        assertThat(new OneNetTime(zone, OneNetTime.Style.T).format(instant))
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(zone).format(instant));
        assertThat(new OneNetTime(zone, OneNetTime.Style.SPACE).format(instant))
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(instant));
    }

    /** One instance for every try, as the codec keeps one: later tries hit seconds that earlier ones cached. */
    private static final OneNetTime SHARED = new OneNetTime(OneNetTime.DEFAULT_ZONE, OneNetTime.Style.T);
    private static final DateTimeFormatter EXPECTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(OneNetTime.DEFAULT_ZONE);

    @Property(tries = 2000)
    void should_give_the_same_text_from_its_cache_as_java_time(
            @ForAll @LongRange(min = 946_684_800L, max = 4_102_444_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 3) int slotsAway) {
        // the same second twice (a hit), then a second that takes the same slot (64 seconds on: a miss that must
        // not return the slot's old text), then the first one again
        Instant first = Instant.ofEpochSecond(epochSecond, 123_000_000);
        Instant sameSlot = Instant.ofEpochSecond(epochSecond + 64L * (slotsAway + 1));
        for (Instant instant : new Instant[] {first, first, sameSlot, first, sameSlot}) {
            assertThat(SHARED.format(instant)).isEqualTo(EXPECTED.format(instant));
        }
    }

    @Property(tries = 200)
    void should_read_back_what_it_writes(@ForAll @LongRange(min = 0, max = 4_102_444_799L) long epochSecond) {
        OneNetTime time = new OneNetTime(OneNetTime.DEFAULT_ZONE);
        Instant instant = Instant.ofEpochSecond(epochSecond);

        assertThat(time.parse(time.format(instant))).isEqualTo(instant);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> zones() {
        return net.jqwik.api.Arbitraries.of("Asia/Shanghai", "UTC", "America/New_York", "Europe/Berlin",
                "Asia/Kathmandu", "Pacific/Chatham");
    }
}
