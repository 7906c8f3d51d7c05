package io.camelonenet.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void newlines_escapes_and_bidirectional_overrides_are_shown_not_obeyed() {
        assertThat(LogText.of("set 3\nFORGED-ID")).isEqualTo("set 3\\u000aFORGED-ID");
        assertThat(LogText.of("{k=v\r\nFORGED2}")).isEqualTo("{k=v\\u000d\\u000aFORGED2}");
        assertThat(LogText.of("\u001b[31mred\u001b[0m")).isEqualTo("\\u001b[31mred\\u001b[0m");
        assertThat(LogText.of("abc\u202Efed")).isEqualTo("abc\\u202efed");
        assertThat(LogText.of("zero\u200Bwidth\u2028line\u0085next\u007f")).isEqualTo(
                "zero\\u200bwidth\\u2028line\\u0085next\\u007f");
        // a tag character (a format character outside the BMP) and a lone surrogate
        assertThat(LogText.of("tag\uDB40\uDC01")).isEqualTo("tag\\udb40\\udc01");
        assertThat(LogText.of("lone\uD800")).isEqualTo("lone\\ud800");
    }

    @Test
    void ordinary_text_chinese_and_emoji_included_is_kept_as_it_is() {
        String text = "温度 22.5°C, meter-17 ok 👍 \"quoted\" \\path";
        assertThat(LogText.of(text)).isSameAs(text);
        assertThat(LogText.escape(text)).isSameAs(text);
    }

    @Test
    void long_text_is_cut_and_says_how_long_it_was() {
        String text = "x".repeat(1000) + "\n";
        assertThat(LogText.of(text)).isEqualTo("x".repeat(LogText.MAX_CHARS) + "...(1001 chars)");
        assertThat(LogText.of(text, 3)).isEqualTo("xxx...(1001 chars)");
        assertThat(LogText.of(null)).isEqualTo("null");
    }
}
