package io.camelonenet.app;

import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.docs.DocSection;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.emulator.CommandReply;
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
        int emulatorPort = freePort();
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
        Map<String, String> environment = environment(freePort());
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
            for (Path file : files.toList()) {
                bodies.add(Files.readString(file));
            }
        }
        assertThat(bodies).containsExactlyInAnyOrder("first body", "second body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zeroed database", "deleted write-ahead log", "corrupt page"})
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

    /** A buffer of 200 readings, as a SIGKILL leaves it (or, for a corrupt page, as a clean stop does), then damaged. */
    private Path damagedBuffer(String damage) throws IOException {
        Path live = Files.createDirectories(workDir.resolve("live"));
        Path buffer = Files.createDirectories(workDir.resolve("buffer"));
        try (SqliteUplinkBuffer store = new SqliteUplinkBuffer(live, 64L << 20, FullPolicy.DROP_OLDEST)) {
            for (int i = 1; i <= 200; i++) {
                store.append("$dp", DpCodec.encodeFullJson(("{\"datastreams\":[{\"id\":\"seq\",\"datapoints\":"
                        + "[{\"value\":" + i + "}]}]}").getBytes(StandardCharsets.UTF_8)));
            }
            if (!damage.equals("corrupt page")) {
                for (String name : List.of("uplink.db", "uplink.db-wal", "uplink.db.open")) {
                    Files.copy(live.resolve(name), buffer.resolve(name));
                }
            }
        }
        Path db = buffer.resolve("uplink.db");
        switch (damage) {
            case "zeroed database" -> Files.write(db, new byte[(int) Files.size(db)]);
            case "deleted write-ahead log" -> Files.delete(buffer.resolve("uplink.db-wal"));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
