package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar target/camel-onenet.jar} in a process of its own, as users start it, from the repository root. */
final class PackagedApp {

    static final Path JAR = Path.of("target", "camel-onenet.jar");

    static final String MANAGEMENT_PORT = "camel.management.port";

    private PackagedApp() {
    }

    /** The app's readiness as its health server answers it on this port ("" while it is not up yet). */
    static String readiness(int managementPort) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + managementPort + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notUpYet) {
            return "";
        }
    }

    /** The app's status document ({@code /observe/status}) as its management server answers it now. */
    static com.fasterxml.jackson.databind.JsonNode status(int managementPort) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Starts the packaged app with {@code environment} added, its output (both streams) in {@code log}. */
    static Process start(Path log, Map<String, String> environment, String... jvmOptions) throws IOException {
        return startIn(Path.of(""), log, environment, jvmOptions);
    }

    /** The same, started from {@code workingDirectory}. */
    static Process startIn(Path workingDirectory, Path log, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        assertThat(JAR).as("the packaged app").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        if (Arrays.stream(jvmOptions).noneMatch(option -> option.startsWith("-D" + MANAGEMENT_PORT + "="))) {
            // the health and metrics server: not the default 9876, which a running app of the user may hold
            command.add("-D" + MANAGEMENT_PORT + "=" + FreePort.onLoopback());
        }
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(workingDirectory.toAbsolutePath().toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
