package io.camelonenet.studio;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneNetTokenTest {

    private static final String KEY = "EnW4T71eIE55xOIQMN6pFMKuqel5T5HTzsGJRPiDhlM=";

    @Test
    void should_reproduce_the_official_token_vector() {
        String token = OneNetToken.generate(OneNetToken.deviceResource("238322", "mqtts-test-device"), KEY,
                TokenMethod.SHA1, 7557387130L);

        assertThat(token).isEqualTo("version=2018-10-31&res=products%2F238322%2Fdevices%2Fmqtts-test-device"
                + "&et=7557387130&method=sha1&sign=Rs0u%2FKnyoK5%2FMuKo5xKa0tW%2BWqY%3D");
    }

    @Test
    void should_sign_with_each_method_and_resource_kind() {
        for (TokenMethod method : TokenMethod.values()) {
            String token = OneNetToken.generate(OneNetToken.productResource("238322"), KEY, method, 2_000_000_000L);
            String sign = java.net.URLDecoder.decode(token.substring(token.indexOf("&sign=") + 6),
                    java.nio.charset.StandardCharsets.UTF_8);

            assertThat(token).startsWith("version=2018-10-31&res=products%2F238322&et=2000000000&method="
                    + method.wireName() + "&sign=");
            int digestBytes = method == TokenMethod.MD5 ? 16 : method == TokenMethod.SHA1 ? 20 : 32;
            assertThat(Base64.getDecoder().decode(sign)).hasSize(digestBytes);
        }
    }

    @Test
    void should_compute_a_fresh_expiry_at_every_connect() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenPasswordSource source = new TokenPasswordSource(OneNetToken.deviceResource("1", "d"), KEY,
                TokenMethod.SHA256, Duration.ofHours(1), clock);

        String first = new String(source.password());
        clock.now = clock.now.plus(Duration.ofDays(3));
        String later = new String(source.password());

        assertThat(first).contains("&et=" + Instant.parse("2026-01-01T01:00:00Z").getEpochSecond() + "&");
        assertThat(later).contains("&et=" + Instant.parse("2026-01-04T01:00:00Z").getEpochSecond() + "&");
        assertThat(source.toString()).doesNotContain(KEY);
    }

    @Test
    void should_refuse_a_key_that_is_not_base64() {
        assertThatThrownBy(() -> new TokenPasswordSource("products/1", "not base64!", TokenMethod.MD5,
                Duration.ofHours(1), Clock.systemUTC())).hasMessageContaining("not base64");
        assertThatThrownBy(() -> TokenMethod.parse("sha512")).hasMessageContaining("md5, sha1 or sha256");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
