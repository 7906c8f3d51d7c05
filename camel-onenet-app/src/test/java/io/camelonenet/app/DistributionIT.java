package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution unpacked as a user does, started by its launcher under a directory whose path has a space in it,
 * against the repository's emulator started separately: what it carries (no emulator, one version of each library, a
 * README of its own), the configuration's precedence, files its user's alone, and the class-data-sharing archive
 * (made only by a run that got as far as its first connection, recovered when damaged, never in a directory others can
 * write).
 */
class DistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * The unpacked distribution's size, at most: 70 MB was the target before the field drivers (147 MB with the
     * emulator); OPC UA's Eclipse Milo and the Bouncy Castle it needs for its sessions add about 17 MB, Modbus 1 MB.
     */
    private static final long MAX_BYTES = 90L * 1000 * 1000;

    @TempDir
    Path workDir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        processes.forEach(Distribution::killTree);
    }

    @Test
    void should_carry_no_emulator_one_version_of_each_library_and_a_readme_of_its_own() throws Exception {
        Path home = Distribution.unpack(workDir.resolve("dist home"));

        List<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertThat(jars).noneMatch(jar -> jar.contains("emulator") || jar.startsWith("rocksdbjni")
                || jar.startsWith("hivemq-community") || jar.startsWith("xodus") || jar.startsWith("kotlin-stdlib"));
        Map<String, List<String>> versions = jars.stream().collect(Collectors.groupingBy(
                jar -> jar.replaceFirst("-\\d[^-]*(-[A-Za-z0-9.]+)?\\.jar$", "")));
        assertThat(versions).allSatisfy((artifact, found) -> assertThat(found).as(artifact).hasSize(1));
        try (Stream<Path> files = Files.walk(home)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            assertThat(bytes).as("bytes unpacked").isLessThan(MAX_BYTES);
        }
        String readme = Files.readString(home.resolve("README.md"));
        assertThat(readme).contains("bin/camel-onenet").doesNotContain("./mvnw", "target/camel-onenet.jar --help");

        Path run = Files.createDirectories(workDir.resolve("run"));
        Path log = run.resolve("launcher.log");
        Process version = Distribution.launch(home, run, log, Map.of(), "--version");
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("camel-onenet 0.1.0");
        assertThat(archives(home)).as("--version makes no class-data-sharing archive").isEmpty();

        Process emulator = Distribution.launch(home, run, run.resolve("emulator.log"), Map.of(), "emulator");
        assertThat(emulator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(emulator.exitValue()).isEqualTo(3);
        assertThat(Files.readString(run.resolve("emulator.log")))
                .contains("The emulator is not part of this distribution").doesNotContain("\tat ");
    }

    @Test
    void should_run_against_an_emulator_started_separately_and_keep_an_archive_only_from_a_run_that_connected()
            throws Exception {
        Path home = Distribution.unpack(workDir.resolve("dist home"));
        int port = FreePort.onLoopback();
        Path emulatorLog = workDir.resolve("emulator.log");
        processes.add(Distribution.emulator(emulatorLog, port, Map.of("ONENET_EMULATOR_COMMAND_PERIOD", "500")));
        Path run = Files.createDirectories(workDir.resolve("run dir"));
        // precedence, key by key: the distribution's config/, under the working directory's file, under the environment
        Files.writeString(home.resolve("config/application.properties"), "onenet.device-id = from-config\n"
                + "onenet.uplink.period = 300\nonenet.downlink.dir = config-commands\n", StandardOpenOption.APPEND);
        Files.writeString(run.resolve("application.properties"), "onenet.device-id = 10001\n");

        // a start that never connects (nothing listens there) makes no archive
        Path refused = run.resolve("refused.log");
        Process unconnected = Distribution.launch(home, run, refused, environment(1));
        await().atMost(WAIT).until(() -> Files.readString(refused).contains("cannot log in"));
        unconnected.destroy();
        assertThat(unconnected.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(archives(home)).isEmpty();

        Path log = run.resolve("launcher.log");
        Process launcher = Distribution.launch(home, run, log, environment(port));
        processes.add(launcher);
        await().atMost(WAIT).until(() -> Files.readString(emulatorLog).contains("$dp type 1 from 10001"));
        await().atMost(WAIT).until(() -> Files.readString(emulatorLog).contains("Reply from 10001 to command"));
        launcher.destroy();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(log)).contains("clientId=10001", "uplinkPeriod=300ms", "emulator=false");
        try (Stream<Path> commands = Files.list(run.resolve("config-commands"))) {
            assertThat(commands.toList()).isNotEmpty().allSatisfy(file -> assertThat(
                    Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
        assertThat(Files.getPosixFilePermissions(run.resolve("data/buffer")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(archives(home)).as("the run that connected left its archive").hasSize(1);

        // the next start maps it, and reaches the emulator as well
        int uploads = count(emulatorLog, "$dp type 1 from 10001");
        Path second = run.resolve("second.log");
        Process reuse = Distribution.launch(home, run, second, environment(port));
        processes.add(reuse);
        await().atMost(WAIT).until(() -> count(emulatorLog, "$dp type 1 from 10001") > uploads + 2);
        reuse.destroy();
        assertThat(reuse.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(second)).doesNotContain("class-data-sharing", "\tat ");
    }

    @Test
    void should_remove_an_archive_the_jvm_refuses_or_that_was_cut_short_and_start_without_it() throws Exception {
        Path home = Distribution.unpack(workDir.resolve("dist home"));
        int port = FreePort.onLoopback();
        Path emulatorLog = workDir.resolve("emulator.log");
        processes.add(Distribution.emulator(emulatorLog, port, Map.of("ONENET_EMULATOR_COMMAND_PERIOD", "0")));
        Path run = Files.createDirectories(workDir.resolve("run"));
        runUntilUploads(home, run, run.resolve("first.log"), emulatorLog, port);
        Path archive = archives(home).get(0);

        // bytes overwritten in its middle: the same size, checksums wrong
        archive.toFile().setWritable(true);
        try (RandomAccessFile raw = new RandomAccessFile(archive.toFile(), "rw")) {
            raw.seek(raw.length() / 2);
            raw.write(new byte[4096]);
        }
        Path damaged = run.resolve("damaged.log");
        runUntilUploads(home, run, damaged, emulatorLog, port);
        assertThat(Files.readString(damaged)).contains("could not start with the class-data-sharing archive",
                "removed, starting without it");
        assertThat(archives(home)).as("a new archive from the run that started without it").hasSize(1);

        // cut short
        archive = archives(home).get(0);
        archive.toFile().setWritable(true);
        try (RandomAccessFile raw = new RandomAccessFile(archive.toFile(), "rw")) {
            raw.setLength(1000);
        }
        Path truncated = run.resolve("truncated.log");
        runUntilUploads(home, run, truncated, emulatorLog, port);
        assertThat(Files.readString(truncated)).contains("is damaged (its size changed); making a new one")
                .doesNotContain("SIGBUS", "SIGSEGV");
        assertThat(archives(home)).hasSize(1);
    }

    @Test
    void should_not_share_an_archive_through_a_directory_others_can_write() throws Exception {
        Path home = Distribution.unpack(workDir.resolve("dist home"));
        Path shared = Files.createDirectories(workDir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path run = Files.createDirectories(workDir.resolve("run"));
        Path log = run.resolve("launcher.log");
        Map<String, String> environment = environment(1);
        environment.put("ONENET_CDS_DIR", shared.toString());

        Process launcher = Distribution.launch(home, run, log, environment);
        processes.add(launcher);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("cannot log in"));
        launcher.destroy();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(log)).contains("not using class-data sharing: " + shared
                + " is writable by others or not this user's");
        try (Stream<Path> files = Files.list(shared)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void on_java_25_should_keep_an_ahead_of_time_cache_made_without_repeating_the_options_and_start_from_it()
            throws Exception {
        Path jdk25 = Path.of(System.getProperty("onenet.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(jdk25.resolve("bin").resolve("java")), "Temurin 25 is not installed at " + jdk25);
        Path home = Distribution.unpack(workDir.resolve("dist home"));
        int port = FreePort.onLoopback();
        Path emulatorLog = workDir.resolve("emulator.log");
        processes.add(Distribution.emulator(emulatorLog, port, Map.of("ONENET_EMULATOR_COMMAND_PERIOD", "0")));
        Path run = Files.createDirectories(workDir.resolve("run"));
        Map<String, String> environment = environment(port);
        environment.put("JAVA_HOME", jdk25.toString());
        // an option a user may pass: the JVM that makes the cache repeats every option, and that goes nowhere
        environment.put("JAVA_OPTS", environment.get("JAVA_OPTS") + " -Dsome.password=not-for-any-log");

        Path first = run.resolve("first.log");
        runUntilUploads(home, run, first, emulatorLog, port, environment);
        assertThat(caches(home, ".aot")).as("the training run's cache").hasSize(1);
        assertThat(caches(home, ".jsa")).isEmpty();

        Path second = run.resolve("second.log");
        runUntilUploads(home, run, second, emulatorLog, port, environment);
        assertThat(Files.readString(second)).doesNotContain("could not start with", "\tat ")
                .doesNotContain("restricted method");
        assertThat(Files.readString(first) + Files.readString(second)).doesNotContain("not-for-any-log");
        assertThat(caches(home, ".aot")).hasSize(1);
    }

    /** Starts the launcher, waits for three more uploads at the emulator, stops it with SIGTERM. */
    private void runUntilUploads(Path home, Path run, Path log, Path emulatorLog, int port) throws Exception {
        runUntilUploads(home, run, log, emulatorLog, port, environment(port));
    }

    private void runUntilUploads(Path home, Path run, Path log, Path emulatorLog, int port,
                                 Map<String, String> environment) throws Exception {
        int uploads = count(emulatorLog, "$dp type 1 from 10001");
        Process launcher = Distribution.launch(home, run, log, environment);
        processes.add(launcher);
        await().atMost(WAIT).until(() -> count(emulatorLog, "$dp type 1 from 10001") >= uploads + 3);
        launcher.destroy();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private static Map<String, String> environment(int brokerPort) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        environment.put("ONENET_UPLINK_PERIOD", "300");
        environment.put("JAVA_OPTS", "-D" + PackagedApp.MANAGEMENT_PORT + "=" + FreePort.onLoopback());
        return environment;
    }

    /** The class-data-sharing archives (Java 17 to 24) the launcher kept. */
    private static List<Path> archives(Path home) throws Exception {
        return caches(home, ".jsa");
    }

    private static List<Path> caches(Path home, String suffix) throws Exception {
        Path cds = home.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static int count(Path log, String text) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readString(log).lines().filter(line -> line.contains(text)).count();
    }
}
