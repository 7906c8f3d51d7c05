package io.camelonenet.examples.main;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The example's routes against the emulator of the test kit, in the example's own camel-main. */
class MeterGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void should_upload_readings_and_answer_commands() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("meter-7", "meters", "meter-secret&1")
                .build().start()) {
            Main main = new Main();
            main.configure().addRoutesBuilder(new MeterGateway());
            main.addOverrideProperty("camel.component.onenet.broker-url", onenet.brokerUrl());
            main.addOverrideProperty("camel.component.onenet.product-id", "meters");
            main.addOverrideProperty("meter.device-id", "meter-7");
            main.addOverrideProperty("meter.auth-info", "meter-secret&1");
            main.addOverrideProperty("meter.period", "200");
            main.addOverrideProperty("meter.buffer-dir", workDir.resolve("buffer").toString());
            main.start();
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 3);
                assertThat(onenet.record().uploads()).allSatisfy(upload ->
                        assertThat(upload.datapoints()).singleElement()
                                .satisfies(point -> assertThat(point.streamId()).isEqualTo("voltage")));

                String commandId = onenet.pushCommand("meter-7", "reboot");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(reply ->
                        reply.commandId().equals(commandId) && reply.payloadAsText().equals("accepted reboot")));
                assertThat(onenet.record().connectCount("meter-7")).isEqualTo(1);
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void should_leave_the_applications_own_logging_in_effect() {
        // the library brings no logging binding and no logging configuration of its own
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.apache.logging.slf4j");
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        assertThat(logging.getConfiguration().getName()).isEqualTo("meter-gateway-logging");
    }
}
