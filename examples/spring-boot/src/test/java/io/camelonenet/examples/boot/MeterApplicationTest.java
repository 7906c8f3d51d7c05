package io.camelonenet.examples.boot;

import ch.qos.logback.classic.LoggerContext;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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

/** The Spring Boot application against the emulator of the test kit; its whole output at INFO holds no secret. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class MeterApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OneNetEmulator ONENET = OneNetEmulator.builder()
            .device("boot-meter", "boot-meters", "boot+secret=").build().start();

    @DynamicPropertySource
    static void onenet(DynamicPropertyRegistry properties) throws Exception {
        properties.add("camel.component.onenet.broker-url", ONENET::brokerUrl);
        properties.add("camel.component.onenet.product-id", () -> "boot-meters");
        properties.add("camel.component.onenet.auth-info", () -> "boot+secret=");
        properties.add("meter.device-id", () -> "boot-meter");
        properties.add("meter.period", () -> "200");
        Path buffer = Files.createTempDirectory("boot-meter-buffer");
        properties.add("meter.buffer-dir", buffer::toString);
    }

    @AfterAll
    static void stopEmulator() {
        ONENET.close();
    }

    @Test
    void should_upload_readings_and_answer_commands(CapturedOutput output) {
        await().atMost(WAIT).until(() -> ONENET.record().uploads().size() >= 3);
        assertThat(ONENET.record().uploads()).allSatisfy(upload -> assertThat(upload.datapoints()).singleElement()
                .satisfies(point -> assertThat(point.streamId()).isEqualTo("current")));

        String commandId = ONENET.pushCommand("boot-meter", "calibrate");
        await().atMost(WAIT).until(() -> ONENET.record().replies().stream().anyMatch(reply ->
                reply.commandId().equals(commandId) && reply.payloadAsText().equals("boot accepted calibrate")));
        assertThat(output.getAll()).contains("Started meter-readings").doesNotContain("boot+secret=");
    }

    @Test
    void should_name_the_context_from_application_yml(@Autowired CamelContext camel) {
        assertThat(camel.getName()).isEqualTo("meter-boot");
    }

    @Test
    void should_keep_spring_boots_logging() {
        // Boot configured logback, with the pattern of application.yml; the library did not replace it
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        var console = (ch.qos.logback.core.OutputStreamAppender<?>) logging.getLogger("ROOT").getAppender("CONSOLE");
        assertThat(((ch.qos.logback.classic.encoder.PatternLayoutEncoder) console.getEncoder()).getPattern())
                .contains("meter-boot");
    }
}
