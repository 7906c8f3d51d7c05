package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The standalone app's own wiring and YAML routes, started in the test JVM against an emulator the test owns. */
final class RunningApp implements AutoCloseable {

    static final String DEVICE = "10001";
    static final String PRODUCT = "20001";
    static final String AUTH = "route-test-auth";

    private final Main main;

    private RunningApp(Main main) {
        this.main = main;
    }

    /** The app's settings for a test: the emulator's URL (none: set onenet.broker-url yourself) and a work dir. */
    static Map<String, String> properties(OneNetEmulator emulator, Path workDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("onenet.emulator.enabled", "false");
        // the health and metrics server on a port of its own, not the default 9876 a running app may hold
        properties.put(PackagedApp.MANAGEMENT_PORT, String.valueOf(FreePort.onLoopback()));
        if (emulator != null) {
            properties.put("onenet.broker-url", emulator.brokerUrl());
        }
        properties.put("onenet.device-id", DEVICE);
        properties.put("onenet.product-id", PRODUCT);
        properties.put("onenet.auth-info", AUTH);
        properties.put("onenet.uplink.period", "200");
        properties.put("onenet.downlink.dir", workDir.resolve("commands").toString());
        properties.put("onenet.dead-letter.dir", workDir.resolve("dead-letter").toString());
        properties.put("onenet.buffer.dir", workDir.resolve("buffer").toString());
        return properties;
    }

    /** The dead letters the app kept under {@code workDir}, oldest first. */
    static List<Path> deadLetters(Path workDir) throws IOException {
        Path dir = workDir.resolve("dead-letter");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The texts of the dead letters the app kept under {@code workDir}, oldest first, one after the other. */
    static String deadLettersText(Path workDir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path letter : deadLetters(workDir)) {
            text.append(Files.readString(letter)).append('\n');
        }
        return text.toString();
    }

    /** Starts the app; {@code beforeStart} may replace beans (after the YAML routes bound theirs). */
    static RunningApp start(Map<String, String> properties, Consumer<CamelContext> beforeStart) throws Exception {
        Main main = OneNetApplication.createMain();
        properties.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                beforeStart.accept(configured.getCamelContext());
            }
        });
        main.start();
        return new RunningApp(main);
    }

    /** The result of one health check of the app, called now (whether or not the app exposes health over HTTP). */
    org.apache.camel.health.HealthCheck.Result check(String id) {
        return org.apache.camel.health.HealthCheckRegistry.get(context()).getCheck(id)
                .map(org.apache.camel.health.HealthCheck.class::cast).orElseThrow(() -> new AssertionError(
                        "no health check " + id)).call();
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
