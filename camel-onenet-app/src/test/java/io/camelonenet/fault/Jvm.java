package io.camelonenet.fault;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged app, or its emulator, as a process of its own that a fault test can SIGKILL. */
final class Jvm implements AutoCloseable {

    private static final Path JAR = Path.of("target", "camel-onenet.jar");

    private final Process process;

    private Jvm(Process process) {
        this.process = process;
    }

    static Jvm app(Path log, Map<String, String> environment) throws IOException {
        // the health and metrics server on a free port: a test may run two apps at once
        return start(log, environment, List.of("-Xmx64m", "-Dcamel.management.port=" + Faults.freePort(), "-jar",
                JAR.toString()));
    }

    /** The emulator alone, listening on {@code port}, journaling what it decodes to {@code journal}. */
    static Jvm emulator(Path log, int port, Path journal) throws IOException {
        Jvm emulator = start(log, Map.of(
                "ONENET_EMULATOR_PORT", Integer.toString(port),
                "ONENET_EMULATOR_COMMAND_PERIOD", "0",
                "ONENET_EMULATOR_JOURNAL", journal.toString(),
                "ONENET_DEVICE_ID", Faults.DEVICE,
                "ONENET_PRODUCT_ID", Faults.PRODUCT,
                "ONENET_AUTH_INFO", Faults.AUTH), List.of("-jar", JAR.toString(), "emulator"));
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port));
        return emulator;
    }

    private static Jvm start(Path log, Map<String, String> environment, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new Jvm(builder.start());
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

    /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
    void kill() throws InterruptedException {
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
