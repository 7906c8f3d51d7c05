package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandAcceptorTest {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.cmd");
    private final CamelContext context = new DefaultCamelContext();
    private final CommandAcceptor acceptor = new CommandAcceptor();

    @Test
    void should_keep_a_real_cmduuid_as_the_file_name_and_reply_on_crsp() {
        Exchange exchange = command("$creq/2302b3a0-bd6a-4e93-9f5c-0a1b2c3d4e5f", "{\"led\":1}");

        acceptor.accept(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.FILE_NAME))
                .isEqualTo("2302b3a0-bd6a-4e93-9f5c-0a1b2c3d4e5f.cmd");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.REPLY_TOPIC))
                .isEqualTo("$crsp/2302b3a0-bd6a-4e93-9f5c-0a1b2c3d4e5f");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.COMMAND_BYTES)).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../../etc/passwd", "/etc/passwd", "..\\..\\windows", "C:\\boot.ini",
            "a/../../b", "~root", "name.cmd", " ", "\u0000x", "line\nbreak", "温度命令", ".hidden", "con"})
    void should_derive_a_name_without_separators_or_dots_from_a_hostile_cmduuid(String hostile) {
        String name = CommandFileNames.forCommandId(hostile);

        assertThat(name).matches(SAFE_NAME);
        assertThat(name).doesNotContain("/", "\\", "..");
    }

    @Test
    void should_keep_names_short_and_distinct_for_very_long_ids() {
        String longId = "a".repeat(10_000);
        String otherLongId = "a".repeat(9_999) + "b";

        assertThat(CommandFileNames.forCommandId(longId)).matches(SAFE_NAME);
        assertThat(CommandFileNames.forCommandId(longId)).isNotEqualTo(CommandFileNames.forCommandId(otherLongId));
    }

    @Test
    void should_give_different_names_to_ids_that_sanitise_alike() {
        Set<String> names = new HashSet<>();
        for (String id : new String[] {"a/b", "a\\b", "a b", "a_b", "a?b"}) {
            names.add(CommandFileNames.forCommandId(id));
        }
        assertThat(names).hasSize(5);
    }

    @Test
    void should_never_give_a_plain_id_the_name_of_a_hashed_one() {
        String hashed = CommandFileNames.forCommandId("..");
        String plainLookAlike = hashed.substring(0, hashed.length() - CommandFileNames.EXTENSION.length());
        assertThat(plainLookAlike).matches("[A-Za-z0-9_-]{1,64}");

        assertThat(CommandFileNames.forCommandId(plainLookAlike)).isNotEqualTo(hashed).matches(SAFE_NAME);
    }

    @Test
    void should_refuse_what_is_not_a_command() {
        assertThatThrownBy(() -> acceptor.accept(command("custom/topic", "x")))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("is not a command topic");
        assertThatThrownBy(() -> acceptor.accept(command("$creq/", "x"))).hasMessageContaining("empty cmduuid");
        assertThatThrownBy(() -> acceptor.accept(command("$creq/a+b", "x"))).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> acceptor.accept(command("$creq/id", ""))).hasMessage("command id is empty");
    }

    @Test
    void should_refuse_a_command_over_the_limit() {
        acceptor.setMaxBytes(10);

        assertThatThrownBy(() -> acceptor.accept(command("$creq/id", "12345678901")))
                .hasMessage("command id is 11 bytes, over the limit of 10");
    }

    @Test
    void should_not_let_a_hostile_id_forge_log_lines() {
        Exchange exchange = command("$creq/evil\nINFO fake line", "x");

        acceptor.accept(exchange);

        assertThat(exchange.getMessage().getHeader(OneNetHeaders.COMMAND_ID, String.class)).doesNotContain("\n");
    }

    private Exchange command(String topic, String payload) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("CamelMqttTopic", topic);
        exchange.getMessage().setBody(payload.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }
}
