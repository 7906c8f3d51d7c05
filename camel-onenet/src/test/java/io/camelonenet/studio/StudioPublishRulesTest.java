package io.camelonenet.studio;

import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.PublishRefusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudioPublishRulesTest {

    private final StudioPublishRules rules = new StudioPublishRules("P1", "dev-a");

    @Test
    void should_allow_the_devices_own_topics_at_qos_0_and_1() {
        assertThatCode(() -> rules.check("$sys/P1/dev-a/dp/post/json", 100, 1, false)).doesNotThrowAnyException();
        assertThatCode(() -> rules.check("$sys/P1/dev-a/thing/property/set_reply", 100, 0, false))
                .doesNotThrowAnyException();
    }

    @Test
    void should_name_each_broken_rule() {
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-a/dp/post/json", 1, 2, false))
                .hasMessage("QoS 2: OneNET takes QoS 0 and 1 only");
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-a/dp/post/json", 1, 1, true))
                .hasMessage("retain is not supported by OneNET");
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-b/dp/post/json", 1, 1, false))
                .hasMessage("a device may only publish under $sys/P1/dev-a/");
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-a/温度", 1, 1, false))
                .hasMessage("the topic may only contain letters, digits, '/', '_' and '-'");
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-a/a/b/c/d/e/f", 1, 1, false))
                .hasMessage("the topic has 9 levels; at most 8");
        assertThatThrownBy(() -> rules.check("$sys/P1/dev-a/dp/post/json", 262_145, 1, false))
                .hasMessage("the payload is 262145 bytes; at most 262144 (256 KB)");
    }

    @Test
    void should_refuse_a_publish_before_it_reaches_the_network() {
        try (DeviceConnection connection = new DeviceConnection(ConnectionSettings.of("tcp://127.0.0.1:1", "dev-a",
                "P1", PasswordSource.fixed("t")).withGuard(rules))) {
            assertThatThrownBy(() -> connection.publishAsync("$sys/P1/dev-a/dp/post/json", new byte[1], 1, true, failure -> { }))
                    .isInstanceOf(PublishRefusedException.class)
                    .hasMessage("not published to $sys/P1/dev-a/dp/post/json: retain is not supported by OneNET");
        }
    }
}
