package io.camelonenet.fault;

import io.camelonenet.app.Distribution;
import io.camelonenet.emulator.FreePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The packaged app, or its emulator, as a process of its own that a fault test can SIGKILL. */
final class Jvm implements AutoCloseable {

    private static final Path JAR = Path.of("target", "camel-onenet.jar");

    private final Process process;
    private final int managementPort;

    private Jvm(Process process, int managementPort) {
        this.process = process;
        this.managementPort = managementPort;
    }

    static Jvm app(Path log, Map<String, String> environment, String... jvmOptions) throws IOException {
        // the health and metrics server on a free port: a test may run two apps at once
        int port = FreePort.onLoopback();
        List<String> arguments = new ArrayList<>(List.of("-Xmx64m"));
        arguments.addAll(List.of(jvmOptions));
        arguments.addAll(List.of("-Dcamel.management.port=" + port, "-jar", JAR.toString()));
        return start(log, environment, arguments, port);
    }

    /**
     * The app of the distribution unpacked in {@code home}, started by its launcher (its default heap, its
     * {@code -XX:+ExitOnOutOfMemoryError}) from {@code workingDirectory}.
     */
    static Jvm launcher(Path home, Path workingDirectory, Path log, Map<String, String> environment)
            throws IOException {
        int port = FreePort.onLoopback();
        Map<String, String> withPort = new java.util.HashMap<>(environment);
        withPort.put("JAVA_OPTS", "-Dcamel.management.port=" + port);
        return new Jvm(Distribution.launch(home, workingDirectory, log, withPort), port);
    }

    /** The emulator alone, listening on {@code port}, journaling what it decodes to {@code journal}. */
    static Jvm emulator(Path log, int port, Path journal) throws IOException {
        Jvm emulator = start(log, Map.of(
                "ONENET_EMULATOR_PORT", Integer.toString(port),
                "ONENET_EMULATOR_COMMAND_PERIOD", "0",
                "ONENET_EMULATOR_JOURNAL", journal.toString(),
                "ONENET_DEVICE_ID", Faults.DEVICE,
                "ONENET_PRODUCT_ID", Faults.PRODUCT,
                "ONENET_AUTH_INFO", Faults.AUTH), List.of("-jar", JAR.toString(), "emulator"), -1);
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port));
        return emulator;
    }

    private static Jvm start(Path log, Map<String, String> environment, List<String> arguments, int managementPort)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new Jvm(builder.start(), managementPort);
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How the process ended: its exit status. */
    int exitValue() {
        return process.exitValue();
    }

    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A number the app's readiness check gives now ({@code commandsRefused}, {@code answersDropped}), summed over its
     * checks; 0 while its health server is not up yet.
     */
    long readinessDetail(String name) throws InterruptedException {
        String body;
        try {
            body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + managementPort + "/observe/health/ready?data=true")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notUpYet) {
            return 0;
        }
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(body);
        long sum = 0;
        while (matcher.find()) {
            sum += Long.parseLong(matcher.group(1));
        }
        return sum;
    }

    /**
     * SIGKILL: no shutdown hook, no flush, like a power cut for the process; for the launcher, for the JVM under it
     * too (a SIGKILL cannot be passed on, so the launcher's JVM would run on without it).
     */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for a clean exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
