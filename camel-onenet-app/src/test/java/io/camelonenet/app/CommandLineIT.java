package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app as a user meets it outside the happy path: --help and --version, started from another directory,
 * a port already taken, the jar copied without its lib/, the standalone emulator, and devices files it cannot use.
 * The distribution: {@link DistributionIT}.
 */
class CommandLineIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void should_print_help_and_version_instead_of_starting() throws Exception {
        String help = runUntilExit(workDir, Map.of(), 0, "--help");
        assertThat(help).startsWith("Usage: java -jar camel-onenet.jar")
                .contains("  onenet.device-id\n", "  onenet.buffer.max-bytes\n", "--version")
                .doesNotContain("Apache Camel (Main)", "Unknown option");

        String version = runUntilExit(workDir, Map.of(), 0, "--version");
        assertThat(version).contains("camel-onenet 0.1.0", "Apache Camel 4.", "Java ");

        String unknown = runUntilExit(workDir, Map.of(), 64, "--frobnicate");
        assertThat(unknown).contains("Unknown argument '--frobnicate'").doesNotContain("\tat ");
    }

    @Test
    void should_run_its_own_routes_when_started_from_another_directory() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("elsewhere-1", "p", "a").build().start()) {
            Path log = workDir.resolve("app.log");
            start(workDir, log, Map.of("ONENET_BROKER_URL", onenet.brokerUrl(), "ONENET_DEVICE_ID", "elsewhere-1",
                    "ONENET_PRODUCT_ID", "p", "ONENET_AUTH_INFO", "a", "ONENET_UPLINK_PERIOD", "200"));

            await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
            assertThat(Files.readString(log)).doesNotContain("NoSuchFileException", "\tat ");
            // its data directories are relative to where it was started
            assertThat(workDir.resolve("data/buffer")).isDirectory();
        }
    }

    @Test
    void should_name_the_emulator_port_in_one_line_when_it_is_taken() throws Exception {
        int port = FreePort.onLoopback();
        try (OneNetEmulator first = OneNetEmulator.builder().port(port).device("10001", "20001", "x").build()
                .start()) {
            String output = runUntilExit(workDir, Map.of("ONENET_EMULATOR_PORT", String.valueOf(port)), 2);

            assertThat(output).contains("Configuration error: onenet.emulator.port is " + port + ", but 127.0.0.1:"
                    + port + " is in use").doesNotContain("\tat ", "ERROR", "emulator stopped");
            assertThat(output.lines().filter(line -> line.contains("onenet.emulator.port"))).hasSize(1);
            assertThat(first.record().logins("10001")).isEmpty();
        }
    }

    @Test
    void should_name_the_devices_file_and_its_entry_in_one_line_when_a_device_is_listed_twice() throws Exception {
        Path devices = workDir.resolve("devices.yaml");
        Files.writeString(devices, GatewayRoutesTest.devicesYaml(List.of(1, 2, 1), null));

        String output = runUntilExit(workDir, Map.of("ONENET_DEVICES_FILE", devices.toString(),
                "ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", "tcp://127.0.0.1:1"), 2);

        assertThat(output).contains("Configuration error: onenet.devices.file is not usable: devices file " + devices
                + " entry 3: device-id '30000001' is listed twice").doesNotContain("\tat ", "secret-1");
        assertThat(output.lines().filter(line -> line.contains("onenet.devices.file"))).hasSize(1);
    }

    @Test
    void should_name_a_protocol_it_does_not_know_in_one_line_before_choosing_routes() throws Exception {
        String output = runUntilExit(workDir, Map.of("ONENET_PROTOCOL", "mqtt5", "ONENET_EMULATOR_ENABLED", "false",
                "ONENET_BROKER_URL", "tcp://127.0.0.1:1"), 2);

        assertThat(output).contains("Configuration error: onenet.protocol must be legacy or studio, not 'mqtt5'")
                .doesNotContain("\tat ", "NoSuchFileException");
    }

    @Test
    void should_refuse_firmware_upgrades_while_the_jdks_http_client_would_log_the_token() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("ONENET_PROTOCOL", "studio",
                "ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", "tcp://127.0.0.1:1",
                "ONENET_PRODUCT_ID", "Pq3Xk9", "ONENET_DEVICE_NAME", "d1", "ONENET_DEVICE_KEY", "a2V5IG9mIGQx",
                "ONENET_OTA_ENABLED", "true"));
        String output = runUntilExit(workDir, environment, 2, "-Djdk.httpclient.HttpClient.log=headers");

        assertThat(output).contains("Configuration error: onenet.ota.enabled is true, and the JDK's HTTP client logs"
                + " request headers").doesNotContain("\tat ", "a2V5IG9mIGQx");
    }

    @Test
    void should_name_routes_that_do_not_exist_in_one_line() throws Exception {
        String output = runUntilExit(workDir, Map.of("ONENET_EMULATOR_ENABLED", "false",
                "ONENET_BROKER_URL", "tcp://127.0.0.1:1"), 3,
                "-Dcamel.main.routes-include-pattern=file:/nonexistent/routes/*.camel.yaml");

        assertThat(output).contains("Cannot start: ").contains("/nonexistent/routes")
                .contains("camel.main.routes-include-pattern").doesNotContain("\tat ");
    }

    @Test
    void should_say_in_one_line_that_the_jar_alone_needs_its_lib_folder() throws Exception {
        Path alone = Files.copy(PackagedApp.JAR, workDir.resolve("camel-onenet.jar"));
        Process process = new ProcessBuilder(java(), "-jar", alone.toString()).redirectErrorStream(true).start();
        processes.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("the app's libraries are missing").doesNotContain("NoClassDefFoundError");
    }

    @Test
    void should_start_the_standalone_emulator_without_shutdown_lines() throws Exception {
        int port = FreePort.onLoopback();
        Path log = workDir.resolve("emulator.log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", PackagedApp.JAR.toAbsolutePath().toString(),
                "emulator").directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ONENET_EMULATOR_PORT", String.valueOf(port));
        Process emulator = builder.start();
        processes.add(emulator);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("listening on tcp://127.0.0.1:" + port));
        emulator.destroy();
        emulator.waitFor(30, TimeUnit.SECONDS);
        String output = Files.readString(log);
        assertThat(output.substring(0, output.indexOf("listening on")))
                .doesNotContain("shutting down", "Routes stopped");
    }

    @Test
    void should_name_a_devices_file_mistake_by_its_place_never_quoting_a_secret_around_it() throws Exception {
        String secret = "never-echo-" + System.nanoTime();
        Path devices = Files.writeString(workDir.resolve("devices.yaml"), "devices:\n  - device-id: \"30000001\"\n"
                + "    product-id: \"20001\"\n    auth-info: \"" + secret + "\n");
        Map<String, String> environment = Map.of("ONENET_DEVICES_FILE", devices.toString(),
                "ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", "tcp://127.0.0.1:1");

        String output = runUntilExit(workDir, environment, 2);
        assertThat(output).contains("Configuration error: onenet.devices.file is not usable: devices file " + devices
                + " is not valid YAML at line 4, column 14").doesNotContain(secret, "\tat ");

        // a devices file pointed at a secret file by mistake
        Path secretFile = Files.writeString(workDir.resolve("auth-info"), "\"" + secret + "\n");
        output = runUntilExit(workDir, Map.of("ONENET_DEVICES_FILE", secretFile.toString(),
                "ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", "tcp://127.0.0.1:1"), 2);
        assertThat(output).contains("Configuration error: onenet.devices.file is not usable").doesNotContain(secret);
    }

    @Test
    void should_refuse_a_devices_file_the_heap_cannot_hold_in_one_line_before_reading_it() throws Exception {
        Path devices = workDir.resolve("devices.yaml");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(devices.toFile(), "rw")) {
            huge.setLength(15L << 20);
        }

        String output = runUntilExit(workDir, Map.of("ONENET_DEVICES_FILE", devices.toString(),
                "ONENET_EMULATOR_ENABLED", "false", "ONENET_BROKER_URL", "tcp://127.0.0.1:1"), 2, "-Xmx64m");

        assertThat(output).contains("Configuration error: onenet.devices.file is not usable: devices file " + devices
                + " is 15728640 bytes; at most ").doesNotContain("OutOfMemoryError", "\tat ");
        assertThat(output.lines().filter(line -> line.contains("15728640"))).hasSize(1);
    }

    private String runUntilExit(Path directory, Map<String, String> environment, int expectedStatus,
                                String... arguments) throws Exception {
        Path log = workDir.resolve("run-" + processes.size() + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-D" + PackagedApp.MANAGEMENT_PORT + "="
                + FreePort.onLoopback()));
        // -D and -X options are the JVM's, the rest the app's
        List.of(arguments).stream().filter(CommandLineIT::jvmOption).forEach(command::add);
        command.addAll(List.of("-jar", PackagedApp.JAR.toAbsolutePath().toString()));
        List.of(arguments).stream().filter(argument -> !jvmOption(argument)).forEach(command::add);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(expectedStatus);
        return output;
    }

    private static boolean jvmOption(String argument) {
        return argument.startsWith("-D") || argument.startsWith("-X");
    }

    private Process start(Path directory, Path log, Map<String, String> environment) throws IOException {
        Process process = PackagedApp.startIn(directory, log, environment);
        processes.add(process);
        return process;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
