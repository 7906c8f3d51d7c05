package io.camelonenet.bench;

import io.camelonenet.emulator.FreePort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto on a loopback port of its own, for the benchmarks: a broker that is not the project's, so that
 * the app and the raw clients beside it are measured against the same neutral party. No persistence.
 */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Started with these configuration lines beside the listener's, once it accepts connections. */
    static Mosquitto start(Path work, String... configuration) throws IOException, InterruptedException {
        int port = FreePort.onLoopback();
        Path config = work.resolve("mosquitto-" + port + ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + String.join("\n", configuration) + "\n");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto-" + port + ".log").toFile()).start();
        while (!PerformanceHarness.listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto ended at start: see " + work);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return new Mosquitto(process, port);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    static String version() {
        try {
            Process process = new ProcessBuilder(BINARY.toString(), "-h").redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("").replace("mosquitto version ", "");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
