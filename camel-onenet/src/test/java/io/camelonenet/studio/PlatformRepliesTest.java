package io.camelonenet.studio;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformRepliesTest {

    private final PlatformReplies replies = new PlatformReplies();

    @Test
    void should_match_an_accepted_answer_to_its_request_by_id() {
        long first = replies.register();
        long second = replies.register();

        replies.complete("$sys/p/d/dp/post/json/accepted", json("{\"id\":" + second + "}"));

        assertThat(replies.await(second, Duration.ofSeconds(1), "post").get("id").asLong()).isEqualTo(second);
        assertThat(replies.waiting()).isEqualTo(1);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void should_fail_with_the_platforms_reason_on_rejected_or_a_code_other_than_200() {
        long rejected = replies.register();
        long refused = replies.register();

        replies.complete("$sys/p/d/dp/post/json/rejected",
                json("{\"id\":" + rejected + ",\"err_code\":98,\"err_msg\":\"Illegal Data\"}"));
        replies.complete("$sys/p/d/thing/property/post/reply",
                json("{\"id\":\"" + refused + "\",\"code\":400,\"msg\":\"no such property\"}"));

        assertThatThrownBy(() -> replies.await(rejected, Duration.ofSeconds(1), "post"))
                .isInstanceOf(PlatformRejectedException.class)
                .hasMessage("request " + rejected + " rejected: err_code 98, Illegal Data");
        assertThatThrownBy(() -> replies.await(refused, Duration.ofSeconds(1), "post"))
                .hasMessage("request " + refused + " rejected: code 400, no such property");
    }

    @Test
    void should_fail_when_no_answer_comes_in_time_and_forget_the_request() {
        long id = replies.register();

        assertThatThrownBy(() -> replies.await(id, Duration.ofMillis(50), "datapoint post"))
                .isInstanceOf(PlatformRejectedException.class)
                .hasMessage("datapoint post " + id + " got no answer within 50 ms");
        assertThat(replies.waiting()).isZero();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
