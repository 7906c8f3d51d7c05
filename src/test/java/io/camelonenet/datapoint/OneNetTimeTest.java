package io.camelonenet.datapoint;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
