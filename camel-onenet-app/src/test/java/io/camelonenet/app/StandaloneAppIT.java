package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code java -jar target/camel-onenet.jar} as users start it, from the repository root. */
class StandaloneAppIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private Process app;

    @AfterEach
    void killApp() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void should_take_its_configuration_from_environment_variables_and_never_log_the_auth_info() throws Exception {
        String secret = "env-secret-" + System.nanoTime();
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("env-device-7", "env-product", secret)
                .build().start()) {
            Path log = workDir.resolve("app.log");
            app = start(log, Map.of(
                    "ONENET_DEVICE_ID", "env-device-7",
                    "ONENET_PRODUCT_ID", "env-product",
                    "ONENET_AUTH_INFO", secret,
                    "ONENET_BROKER_URL", onenet.brokerUrl(),
                    "ONENET_EMULATOR_ENABLED", "false",
                    "ONENET_UPLINK_PERIOD", "300",
                    "ONENET_DOWNLINK_DIR", workDir.resolve("commands").toString(),
                    "ONENET_DEAD_LETTER_DIR", workDir.resolve("dead-letter").toString(),
                    "ONENET_BUFFER_DIR", workDir.resolve("buffer").toString()));

            // the emulator only accepts env-device-7 with this secret: datapoints prove every override applied
            await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
            assertThat(onenet.record().uploads()).allSatisfy(upload ->
                    assertThat(upload.deviceId()).isEqualTo("env-device-7"));
            String commandId = onenet.pushCommand("env-device-7", "{\"valve\":\"open\"}");
            await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                    .anyMatch(reply -> reply.commandId().equals(commandId)));
            assertThat(workDir.resolve("commands").resolve(commandId + ".cmd")).hasContent("{\"valve\":\"open\"}");

            // SIGTERM: a clean shutdown that closes the device connection
            app.destroy();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("app stopped after SIGTERM").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("Device env-device-7: CONNECTED -> CLOSED");
            assertThat(output).contains("is shutdown");
            assertThat(output).doesNotContain(secret);
            assertThat(onenet.record().connectCount("env-device-7")).isEqualTo(1);
        }
    }

    @Test
    void should_take_a_working_directory_file_over_the_bundled_defaults_and_environment_variables_over_both()
            throws Exception {
        // a working directory laid out as the repository's root is: its routes and its own application.properties
        for (String folder : List.of("common", "legacy")) {
            Path copy = Files.createDirectories(workDir.resolve("routes").resolve(folder));
            try (Stream<Path> routes = Files.list(Path.of("routes", folder))) {
                for (Path route : routes.toList()) {
                    Files.copy(route, copy.resolve(route.getFileName()));
                }
            }
        }
        Files.writeString(workDir.resolve("application.properties"), String.join("\n",
                "onenet.device-id = file-device",
                "onenet.product-id = file-product",
                "onenet.auth-info = file-secret",
                "onenet.uplink.period = 250",
                ""));
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("file-device", "env-product", "file-secret")
                .build().start()) {
            Path log = workDir.resolve("precedence.log");
            app = PackagedApp.startIn(workDir, log, Map.of(
                    "ONENET_PRODUCT_ID", "env-product",
                    "ONENET_BROKER_URL", onenet.brokerUrl(),
                    "ONENET_EMULATOR_ENABLED", "false"));

            // the emulator accepts only the file's device id and secret with the environment's product id
            await().atMost(WAIT).untilAsserted(() -> assertThat(onenet.record().uploads())
                    .as("uploads; the app said:%n%s", Files.readString(log)).hasSizeGreaterThanOrEqualTo(2));
            app.destroy();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("clientId=file-device").contains("uplinkPeriod=250ms")
                    .doesNotContain("file-secret");
        }
    }

    @Test
    void should_speak_the_current_platform_over_tls_configured_by_environment_variables() throws Exception {
        String key = "EnW4T71eIE55xOIQMN6pFMKuqel5T5HTzsGJRPiDhlM=";
        try (OneNetEmulator onenet = OneNetEmulator.builder().tls().studioDevice("Pq3Xk9", "gw-9", key)
                .build().start()) {
            Path log = workDir.resolve("studio.log");
            app = start(log, Map.ofEntries(
                    Map.entry("ONENET_PROTOCOL", "studio"),
                    Map.entry("ONENET_PRODUCT_ID", "Pq3Xk9"),
                    Map.entry("ONENET_DEVICE_NAME", "gw-9"),
                    Map.entry("ONENET_DEVICE_KEY", key),
                    Map.entry("ONENET_BROKER_URL", onenet.brokerUrl()),
                    Map.entry("ONENET_TLS_CA", onenet.caCertificate().toString()),
                    Map.entry("ONENET_EMULATOR_ENABLED", "false"),
                    Map.entry("ONENET_UPLINK_PERIOD", "300"),
                    Map.entry("ONENET_DOWNLINK_DIR", workDir.resolve("commands").toString()),
                    Map.entry("ONENET_DEAD_LETTER_DIR", workDir.resolve("dead-letter").toString()),
                    Map.entry("ONENET_BUFFER_DIR", workDir.resolve("buffer").toString())));

            await().atMost(WAIT).until(() -> onenet.record().posts().stream().filter(p -> p.accepted()).count() >= 2);
            String commandId = onenet.pushCommand("gw-9", "open");
            await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                    .anyMatch(reply -> reply.commandId().equals(commandId)));

            app.destroy();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("protocol=studio").contains("tlsCa=");
            assertThat(output).doesNotContain(key).doesNotContain("sign=");
        }
    }

    @Test
    void should_stop_at_start_up_naming_a_tls_ca_file_that_does_not_exist() throws Exception {
        String output = runUntilExit(Map.of("ONENET_BROKER_URL", "ssl://127.0.0.1:8883",
                "ONENET_TLS_CA", "/nonexistent/onenet-ca.pem", "ONENET_EMULATOR_ENABLED", "false"), 2);

        assertThat(output).contains("Configuration error: onenet.tls.ca names a file that does not exist: "
                + "'/nonexistent/onenet-ca.pem'");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void should_stop_at_start_up_with_one_line_naming_an_unparsable_period() throws Exception {
        String output = runUntilExit(Map.of("ONENET_UPLINK_PERIOD", "5s", "ONENET_EMULATOR_ENABLED", "false"), 2);

        assertThat(output).contains("Configuration error: onenet.uplink.period must be a whole number of milliseconds,"
                + " not '5s' (set it in application.properties or as ONENET_UPLINK_PERIOD)");
        assertThat(output).doesNotContain("\tat ", "Exception");
    }

    @Test
    void should_stop_at_start_up_naming_a_missing_device_id() throws Exception {
        String output = runUntilExit(Map.of("ONENET_DEVICE_ID", " ", "ONENET_EMULATOR_ENABLED", "false"), 2);

        assertThat(output).contains("Configuration error: onenet.device-id is missing");
        assertThat(output).doesNotContain("\tat ");
    }

    private String runUntilExit(Map<String, String> environment, int expectedStatus) throws Exception {
        Path log = workDir.resolve("app.log");
        app = start(log, environment);
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("app exited").isTrue();
        String output = Files.readString(log);
        assertThat(app.exitValue()).as(output).isEqualTo(expectedStatus);
        return output;
    }

    private Process start(Path log, Map<String, String> environment) throws IOException {
        return PackagedApp.start(log, environment);
    }
}
