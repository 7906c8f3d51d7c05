package io.camelonenet.examples.boot;

import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's whole output with every logger at DEBUG (Spring's, Camel's, the library's; MeterApplicationTest
 * checks it at INFO), from start-up through readings and a command, holds the device's secret nowhere.
 */
@SpringBootTest(properties = "logging.level.root=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SecretFreeOutputTest {

    static final String SECRET = "debug+Secret=9";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OneNetEmulator ONENET = OneNetEmulator.builder()
            .device("debug-meter", "debug-meters", SECRET).build().start();

    @DynamicPropertySource
    static void onenet(DynamicPropertyRegistry properties) throws Exception {
        properties.add("camel.component.onenet.broker-url", ONENET::brokerUrl);
        properties.add("camel.component.onenet.product-id", () -> "debug-meters");
        properties.add("camel.component.onenet.auth-info", () -> SECRET);
        properties.add("meter.device-id", () -> "debug-meter");
        properties.add("meter.period", () -> "200");
        Path buffer = Files.createTempDirectory("debug-meter-buffer");
        properties.add("meter.buffer-dir", buffer::toString);
    }

    @AfterAll
    static void stopEmulator() {
        ONENET.close();
    }

    @Test
    void should_write_no_secret_at_debug(CapturedOutput output) {
        await().atMost(WAIT).until(() -> ONENET.record().uploads().size() >= 2);
        String commandId = ONENET.pushCommand("debug-meter", "calibrate");
        await().atMost(WAIT).until(() -> ONENET.record().replies().stream()
                .anyMatch(reply -> reply.commandId().equals(commandId)));

        assertThat(output.getAll()).contains("DEBUG").contains("Device debug-meter: CONNECTING -> CONNECTED")
                .doesNotContain(SECRET);
    }
}
