package io.camelonenet.app;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The distribution as users get it: target/camel-onenet-*-dist.tar.gz unpacked, started by its launcher. */
public final class Distribution {

    private Distribution() {
    }

    /** Unpacks the distribution into {@code home} (created), returns it. */
    public static Path unpack(Path home) throws Exception {
        Files.createDirectories(home);
        Path archive;
        try (Stream<Path> found = Files.list(Path.of("target"))) {
            archive = found.filter(file -> file.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/camel-onenet-*-dist.tar.gz: build first"));
        }
        Process untar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "--strip-components=1",
                "-C", home.toString()).inheritIO().start();
        assertThat(untar.waitFor()).isZero();
        return home;
    }

    /**
     * Starts {@code bin/camel-onenet} of the distribution in {@code home}, from {@code workingDirectory}, with this
     * Java, {@code environment} added and its output in {@code log}.
     */
    public static Process launch(Path home, Path workingDirectory, Path log, Map<String, String> environment,
                                 String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/camel-onenet").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder launcher = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
        launcher.environment().putAll(environment);
        return launcher.start();
    }

    /** The repository's emulator on its own ({@code java -jar target/camel-onenet.jar emulator}), listening on port. */
    public static Process emulator(Path log, int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedApp.JAR.toAbsolutePath().toString(), "emulator").redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(log.getParent().toFile());
        builder.environment().put("ONENET_EMULATOR_PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        Process emulator = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port));
        return emulator;
    }

    /**
     * Kills the process and every process under it: a launcher's JVM outlives a SIGKILL of the launcher alone, which
     * cannot pass a SIGKILL on (systemd kills the whole group; a test must do the same).
     */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
