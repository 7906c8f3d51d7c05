package io.camelonenet.app;

import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.docs.DocSection;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.emulator.CommandReply;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.CommandFileNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged app against the faults of the hardening review that need no kill or flood. */
class HardeningIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEVICE = "hard-1";
    private static final String PRODUCT = "hard-p";
    private static final String AUTH = "hard-auth-" + System.nanoTime();

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
    void should_mask_every_secret_with_the_configuration_summary_on_and_debug_logging() throws Exception {
        String deviceKey = "device-key-" + System.nanoTime();
        String productKey = "product-key-" + System.nanoTime();
        Path debug = Files.writeString(workDir.resolve("debug-logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="out"/></root>
                </configuration>
                """);
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            Map<String, String> environment = environment(onenet.port());
            environment.put("CAMEL_MAIN_AUTO_CONFIGURATION_LOG_SUMMARY", "true");
            environment.put("ONENET_DEVICE_KEY", deviceKey);
            environment.put("ONENET_PRODUCT_KEY", productKey);
            Path log = workDir.resolve("app.log");
            app = start(log, environment, "-Dlogback.configurationFile=" + debug);
            await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
            stop();

            String output = Files.readString(log);
            assertThat(output).as("debug logging and the summaries were on").contains("DEBUG ")
                    .contains("Auto-configuration summary").contains("Property-placeholders summary");
            assertThat(output).doesNotContain(AUTH).doesNotContain(deviceKey).doesNotContain(productKey);
        }
    }

    @Test
    void should_not_start_the_emulator_beside_a_foreign_broker() throws Exception {
        int emulatorPort = FreePort.onLoopback();
        try (OneNetEmulator realBroker = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            Map<String, String> environment = environment(realBroker.port());
            environment.remove("ONENET_EMULATOR_ENABLED");
            environment.put("ONENET_EMULATOR_PORT", Integer.toString(emulatorPort));
            app = start(workDir.resolve("app.log"), environment);
            await().atMost(WAIT).until(() -> realBroker.record().uploads().size() >= 2);

            assertThat(listening(emulatorPort)).as("something listens on the emulator's port").isFalse();
            stop();
        }
    }

    @Test
    void should_stop_at_start_up_naming_both_keys_when_the_emulator_is_asked_for_beside_a_foreign_broker()
            throws Exception {
        Map<String, String> environment = environment(FreePort.onLoopback());
        environment.put("ONENET_BROKER_URL", "tcp://183.230.40.39:6002");
        environment.put("ONENET_EMULATOR_ENABLED", "true");
        Path log = workDir.resolve("app.log");
        app = start(log, environment);

        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(app.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("Configuration error: onenet.emulator.enabled is true, but onenet.broker-url"
                + " (tcp://183.230.40.39:6002) is not the emulator").doesNotContain("\tat ");
    }

    @Test
    void should_write_two_commands_whose_ids_once_shared_a_file_name_to_two_files() throws Exception {
        String dotDot = "..";
        String hashedName = CommandFileNames.forCommandId(dotDot);
        String lookAlike = hashedName.substring(0, hashedName.length() - ".cmd".length());
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            app = start(workDir.resolve("app.log"), environment(onenet.port()));
            await().atMost(WAIT).until(() -> !onenet.record().uploads().isEmpty());
            onenet.pushOnTopic(DEVICE, "$creq/" + dotDot, "first body".getBytes(StandardCharsets.UTF_8));
            onenet.pushOnTopic(DEVICE, "$creq/" + lookAlike, "second body".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> onenet.record().replies().stream().map(CommandReply::commandId)
                    .filter(id -> id.equals(dotDot) || id.equals(lookAlike)).distinct().count() == 2);
            stop();
        }
        List<String> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.list(workDir.resolve("commands"))) {
            for (Path file : files.filter(command -> command.toString().endsWith(".cmd")).toList()) {
                bodies.add(Files.readString(file));
            }
        }
        assertThat(bodies).containsExactlyInAnyOrder("first body", "second body");
    }

    @Test
    void should_stop_with_one_line_and_status_3_when_the_management_port_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> environment = environment(FreePort.onLoopback());
            Path log = workDir.resolve("app.log");
            app = start(log, environment, "-D" + PackagedApp.MANAGEMENT_PORT + "=" + taken.getLocalPort());

            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(app.exitValue()).as(output).isEqualTo(3);
            assertThat(output).contains("Cannot start: 127.0.0.1:" + taken.getLocalPort() + " (camel.management.port) is "
                    + "in use by another program").doesNotContain("\tat ", "Exception", "Vert.x HttpServer started");
            assertThat(output.lines().filter(line -> line.contains("camel.management.port"))).hasSize(1);
        }
    }

    @Test
    void should_warn_that_health_and_metrics_have_no_authentication_off_loopback_and_log_the_real_address()
            throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            int port = FreePort.onLoopback();
            Path log = workDir.resolve("app.log");
            app = start(log, environment(onenet.port()), "-Dcamel.management.host=0.0.0.0",
                    "-D" + PackagedApp.MANAGEMENT_PORT + "=" + port);
            await().atMost(WAIT).until(() -> Files.readString(log).contains("Health and metrics: "));
            stop();

            String output = Files.readString(log);
            assertThat(output).contains("WARN", "Health and metrics listen on 0.0.0.0:" + port + " with no "
                    + "authentication").contains("Health and metrics: http://0.0.0.0:" + port + "/observe/health/ready");
        }
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            int port = FreePort.onLoopback();
            Path log = workDir.resolve("loopback.log");
            app = start(log, environment(onenet.port()), "-D" + PackagedApp.MANAGEMENT_PORT + "=" + port);
            await().atMost(WAIT).until(() -> Files.readString(log).contains("Health and metrics: "));
            stop();
            assertThat(Files.readString(log)).contains("Health and metrics: http://127.0.0.1:" + port)
                    .doesNotContain("no authentication", "0.0.0.0");
        }
    }

    @Test
    void should_refuse_a_second_instance_in_the_same_data_directory_and_take_over_a_lock_left_by_a_killed_one()
            throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            Map<String, String> environment = environment(onenet.port());
            app = start(workDir.resolve("first.log"), environment);
            await().atMost(WAIT).until(() -> !onenet.record().uploads().isEmpty());

            Path secondLog = workDir.resolve("second.log");
            Process second = PackagedApp.start(secondLog, environment);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(secondLog);
            assertThat(second.exitValue()).as(output).isEqualTo(3);
            assertThat(output).contains("Cannot start: ", " is in use by another camel-onenet (pid " + app.pid()
                    + ", lock ", ".camel-onenet.lock)").doesNotContain("\tat ");

            // a SIGKILL leaves the lock file, with the dead app's pid in it: not a lock
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int uploads = onenet.record().uploads().size();
            app = start(workDir.resolve("third.log"), environment);
            await().atMost(WAIT).until(() -> onenet.record().uploads().size() > uploads + 2);
            stop();
        }
    }

    @Test
    void should_keep_its_data_files_to_its_user() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            app = start(workDir.resolve("app.log"), environment(onenet.port()));
            await().atMost(WAIT).until(() -> !onenet.record().uploads().isEmpty());
            String id = onenet.pushCommand(DEVICE, "open the valve");
            await().atMost(WAIT).until(() -> onenet.record().replies().stream().map(CommandReply::commandId)
                    .anyMatch(id::equals));
            stop();
        }
        for (String directory : List.of("commands", "app-buffer")) {
            Path dir = workDir.resolve(directory);
            assertThat(Files.getPosixFilePermissions(dir)).as(dir.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                        .as(file.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------")));
            }
        }
    }

    @Test
    void should_repeat_nothing_the_platform_sends_unescaped_and_refuse_an_id_that_is_not_the_platforms()
            throws Exception {
        String name = "hard-studio";
        String key = java.util.Base64.getEncoder().encodeToString("a studio key".getBytes(StandardCharsets.UTF_8));
        try (OneNetEmulator onenet = OneNetEmulator.builder().studioDevice(PRODUCT, name, key)
                .commandPeriod(Duration.ZERO).build().start()) {
            Map<String, String> environment = environment(onenet.port());
            environment.put("ONENET_PROTOCOL", "studio");
            environment.put("ONENET_UPLINK_KIND", "properties");
            environment.put("ONENET_DEVICE_NAME", name);
            environment.put("ONENET_DEVICE_KEY", key);
            Path log = workDir.resolve("app.log");
            app = start(log, environment);
            await().atMost(WAIT).until(() -> !onenet.record().posts().isEmpty());

            String set = onenet.setProperties(name, Map.of("k", "v\nFORGED2", "c", "\u001b[31mRED",
                    "b", "abc\u202Edcba"));
            await().atMost(WAIT).until(() -> onenet.record().thingReplies().stream().anyMatch(r -> r.id().equals(set)));
            onenet.pushOnStudioTopic(name, "thing/property/set",
                    "{\"id\":\"3\\nFORGED-ID\",\"params\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> Files.readString(log).contains("has an id that is not 1 to 13 digits"));
            stop();

            String output = Files.readString(log);
            assertThat(output.lines()).noneMatch(line -> line.startsWith("FORGED"))
                    .noneMatch(line -> line.contains("\u001b") || line.contains("\u202E"));
            assertThat(output).contains("v\\u000aFORGED2", "\\u001b[31mRED", "abc\\u202edcba",
                    "'3\\u000aFORGED-ID'");
            assertThat(onenet.record().thingReplies()).noneMatch(reply -> reply.id().contains("FORGED"));
        }
    }

    @Test
    void should_refuse_a_devices_file_it_cannot_hold_or_read_in_one_line_without_its_text_and_apply_the_next_good_one()
            throws Exception {
        String secret = "never-echo-" + System.nanoTime();
        Path emulatorFile = Files.writeString(workDir.resolve("emulator-devices.yaml"),
                GatewayRoutesTest.devicesYaml(List.of(1, 2, 3), null));
        try (OneNetEmulator onenet = OneNetEmulator.builder()
                .devices(io.camelonenet.gateway.DevicesFile.legacy().read(emulatorFile))
                .commandPeriod(Duration.ZERO).build().start()) {
            Path devices = Files.writeString(workDir.resolve("devices.yaml"),
                    GatewayRoutesTest.devicesYaml(List.of(1, 2), null));
            Map<String, String> environment = environment(onenet.port());
            environment.put("ONENET_DEVICES_FILE", devices.toString());
            Path log = workDir.resolve("app.log");
            app = start(log, environment, "-Xmx64m");
            await().atMost(WAIT).until(() -> !onenet.record().logins(GatewayRoutesTest.id(2)).isEmpty());

            // 15 MiB, under the 16 MiB cap but far more than a 64 MiB heap can parse
            try (RandomAccessFile huge = new RandomAccessFile(devices.toFile(), "rw")) {
                huge.setLength(15L << 20);
            }
            await().atMost(WAIT).until(() -> Files.readString(log).contains("is 15728640 bytes; at most"));
            // an unclosed quote around a secret
            Files.writeString(devices, "devices:\n  - device-id: \"" + GatewayRoutesTest.id(3) + "\"\n"
                    + "    product-id: \"20001\"\n    auth-info: \"" + secret + "\n");
            await().atMost(WAIT).until(() -> Files.readString(log).contains("is not valid YAML at line 4"));
            // then a good one: device 3 added
            Files.writeString(devices, GatewayRoutesTest.devicesYaml(List.of(1, 2, 3), null));
            await().atMost(WAIT).until(() -> !onenet.record().logins(GatewayRoutesTest.id(3)).isEmpty());
            stop();

            String output = Files.readString(log);
            assertThat(output).doesNotContain(secret).doesNotContain("OutOfMemoryError").doesNotContain("\tat ")
                    .contains("3 devices (1 added, 0 changed, 0 removed)");
            assertThat(output.lines().filter(line -> line.contains("15728640"))).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zeroed database", "deleted write-ahead log", "corrupt page", "truncated to 0 bytes",
            "shorter than its header"})
    void should_say_what_damage_it_found_in_its_buffer_keep_it_aside_and_run(String damage) throws Exception {
        Path buffer = damagedBuffer(damage);
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(DEVICE, PRODUCT, AUTH).build().start()) {
            Map<String, String> environment = environment(onenet.port());
            environment.put("ONENET_BUFFER_DIR", buffer.toString());
            Path log = workDir.resolve("app.log");
            app = start(log, environment);
            await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 3);
            stop();

            String output = Files.readString(log);
            assertThat(output).contains("ERROR").contains("Uplink buffer damaged: ");
            if (!damage.equals("deleted write-ahead log")) {
                try (Stream<Path> files = Files.list(buffer)) {
                    assertThat(files.map(file -> file.getFileName().toString()))
                            .anyMatch(name -> name.startsWith("uplink.db.damaged-"));
                }
            }
            assertThat(onenet.record().illegalFrames()).isEmpty();
            String logged = output.lines().filter(line -> line.contains("Uplink buffer damaged: ")).findFirst()
                    .orElseThrow();
            DocSection.replace(DocSection.RELIABILITY, "damage-" + damage.replace(' ', '-'), "Last run "
                    + LocalDate.now() + ": the app started, delivered " + onenet.record().uploads().size()
                    + " readings before it was stopped, and logged: `" + logged.substring(logged.indexOf("Uplink buffer"))
                    .replace(buffer.toString(), "<buffer dir>") + "`.\n");
        }
    }

    /**
     * A buffer of 200 readings, as a SIGKILL leaves it (or, for a corrupt page and a truncation, as a clean stop does),
     * then damaged.
     */
    private Path damagedBuffer(String damage) throws IOException {
        Path live = Files.createDirectories(workDir.resolve("live"));
        Path buffer = Files.createDirectories(workDir.resolve("buffer"));
        boolean cleanStop = damage.equals("corrupt page") || damage.startsWith("truncated")
                || damage.startsWith("shorter");
        try (SqliteUplinkBuffer store = new SqliteUplinkBuffer(live, 64L << 20, FullPolicy.DROP_OLDEST)) {
            for (int i = 1; i <= 200; i++) {
                store.append("$dp", DpCodec.encodeFullJson(("{\"datastreams\":[{\"id\":\"seq\",\"datapoints\":"
                        + "[{\"value\":" + i + "}]}]}").getBytes(StandardCharsets.UTF_8)));
            }
            if (!cleanStop) {
                for (String name : List.of("uplink.db", "uplink.db-wal", "uplink.db.open")) {
                    Files.copy(live.resolve(name), buffer.resolve(name));
                }
            }
        }
        Path db = buffer.resolve("uplink.db");
        switch (damage) {
            case "zeroed database" -> Files.write(db, new byte[(int) Files.size(db)]);
            case "deleted write-ahead log" -> Files.delete(buffer.resolve("uplink.db-wal"));
            // after a clean stop: no log, the readings all in the database file
            case "truncated to 0 bytes" -> Files.write(db, new byte[0]);
            case "shorter than its header" -> {
                Files.copy(live.resolve("uplink.db"), db);
                try (RandomAccessFile raw = new RandomAccessFile(db.toFile(), "rw")) {
                    raw.setLength(60);
                }
            }
            default -> {
                Files.copy(live.resolve("uplink.db"), db);
                byte[] garbage = new byte[512];
                new Random(7).nextBytes(garbage);
                try (RandomAccessFile raw = new RandomAccessFile(db.toFile(), "rw")) {
                    raw.seek(Files.size(db) / 4096 / 2 * 4096);
                    raw.write(garbage);
                }
            }
        }
        return buffer;
    }

    private Map<String, String> environment(int brokerPort) {
        return environment(workDir, brokerPort);
    }

    /** The packaged app's environment for a device of the emulator on {@code brokerPort}, its data under workDir. */
    static Map<String, String> environment(Path workDir, int brokerPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_DEVICE_ID", DEVICE);
        environment.put("ONENET_PRODUCT_ID", PRODUCT);
        environment.put("ONENET_AUTH_INFO", AUTH);
        environment.put("ONENET_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_UPLINK_PERIOD", "300");
        environment.put("ONENET_DOWNLINK_DIR", workDir.resolve("commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", workDir.resolve("dead-letter").toString());
        environment.putIfAbsent("ONENET_BUFFER_DIR", workDir.resolve("app-buffer").toString());
        return environment;
    }

    private Process start(Path log, Map<String, String> environment, String... jvmOptions) throws IOException {
        return PackagedApp.start(log, environment, jvmOptions);
    }

    private void stop() throws InterruptedException {
        app.destroy();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("app stopped after SIGTERM").isTrue();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
