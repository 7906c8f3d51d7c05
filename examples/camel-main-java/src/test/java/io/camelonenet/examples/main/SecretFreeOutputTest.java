package io.camelonenet.examples.main;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example's whole log, with its own log4j2.xml and the root logger at INFO or DEBUG, from start-up through
 * readings and a command: the device's secret is in no line. The secret comes as the example's application.properties
 * says, under the application's own key ({@code meter.auth-info}) that the component's option names.
 */
class SecretFreeOutputTest {

    private static final String SECRET = "meter+Secret=7";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void should_log_no_secret(String level) throws Exception {
        StringWriter log = new StringWriter();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = logging.getConfiguration();
        WriterAppender capture = WriterAppender.newBuilder().setName("capture").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger - %msg%n%throwable").build())
                .build();
        capture.start();
        LoggerConfig root = configuration.getRootLogger();
        Level rootLevel = root.getLevel();
        root.addAppender(capture, null, null);
        Configurator.setRootLevel(Level.toLevel(level));
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("meter-9", "meters", SECRET).build().start()) {
            Main main = new Main();
            main.configure().addRoutesBuilder(new MeterGateway());
            main.addOverrideProperty("camel.component.onenet.broker-url", onenet.brokerUrl());
            main.addOverrideProperty("camel.component.onenet.product-id", "meters");
            main.addOverrideProperty("meter.device-id", "meter-9");
            main.addOverrideProperty("meter.auth-info", SECRET);
            main.addOverrideProperty("meter.period", "200");
            main.addOverrideProperty("meter.buffer-dir", workDir.resolve("buffer").toString());
            main.start();
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
                String commandId = onenet.pushCommand("meter-9", "reboot");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)));
            } finally {
                main.stop();
            }
        } finally {
            root.removeAppender("capture");
            capture.stop();
            Configurator.setRootLevel(rootLevel);
        }
        assertThat(log.toString()).contains("Started meter-readings").doesNotContain(SECRET);
        if (level.equals("DEBUG")) {
            assertThat(log.toString()).contains("DEBUG ");
        }
    }
}
