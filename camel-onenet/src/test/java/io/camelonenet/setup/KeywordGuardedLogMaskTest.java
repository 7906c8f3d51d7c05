package io.camelonenet.setup;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.DefaultMaskingFormatter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordGuardedLogMaskTest {

    @Test
    void should_mask_exactly_what_camels_own_mask_masks() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty(KeywordGuardedLogMask.ADDITIONAL_KEYWORDS, "deviceKey");
            KeywordGuardedLogMask guarded = new KeywordGuardedLogMask(context);
            // Camel's own mask with the same keywords, on every line
            DefaultMaskingFormatter camel = new DefaultMaskingFormatter(guarded.keywords(), true, true, true);
            assertThat(guarded.keywords()).contains("password", "secret", "devicekey", "auth-info", "device-key");
            List<String> lines = List.of(
                    "Command 3f2a (24 bytes) written to data/commands/3f2a.cmd",
                    "Thing model set : {\"power\":\"on\",\"Password\":\"hunter2\"}",
                    "login with user=20001 PASSWORD=hunter2, retrying",
                    "<auth><secret>s3cr3t</secret></auth>",
                    "{\"deviceKey\":\"abc\",\"temperature\":22.5}",
                    "OneNET answered our command response on $sys/p/d/cmd/response/1/accepted: {}");

            for (String line : lines) {
                assertThat(guarded.format(line)).as(line).isEqualTo(camel.format(line));
            }
            assertThat(guarded.format(lines.get(2))).doesNotContain("hunter2");
            assertThat(guarded.format(lines.get(4))).doesNotContain("abc");
            assertThat(guarded.format("onenet.auth-info=hunter2")).doesNotContain("hunter2");
        }
    }
}
