package io.camelonenet.app;

import ch.qos.logback.classic.Level;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.support.SecretKeywords;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/** The Kamelet examples of examples/kamelets/, as files, run by a plain camel-main against the emulator. */
class KameletExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path EXAMPLES = Path.of("examples", "kamelets");

    @TempDir
    Path workDir;

    /** The route example's whole log at INFO and at DEBUG holds its secret nowhere (docs/kamelets.md, Secrets). */
    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void should_run_the_route_example_with_both_kamelets(String level) throws Exception {
        // Camel 4.14 cannot be told a library's secrets: there its DEBUG lines print the Kamelets' URIs as they are
        assumeTrue(level.equals("INFO") || SecretKeywords.supported(), "Camel 4.14: DEBUG shows the Kamelets' URIs");
        try (HostLogs logs = HostLogs.at(Level.toLevel(level));
             OneNetEmulator onenet = OneNetEmulator.builder().device("meter-1", "meters", "m&e=t+er").build().start()) {
            Main main = run(onenet, EXAMPLES.resolve("meter.camel.yaml"), Map.of("meter.period", "200",
                    "meter.buffer-dir", workDir.resolve("buffer").toString()));
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
                assertThat(onenet.record().uploads().get(0).datapoints()).singleElement()
                        .satisfies(point -> assertThat(point.streamId()).isEqualTo("voltage"));
                String commandId = onenet.pushCommand("meter-1", "switch off");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(reply ->
                        reply.commandId().equals(commandId) && reply.payloadAsText().equals("meter did: switch off")));
            } finally {
                main.stop();
            }
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("m&e=t+er"));
        }
    }

    @Test
    void should_run_the_pipe_example() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("meter-2", "meters", "pipe-secret").build()
                .start()) {
            Path commands = workDir.resolve("commands");
            // the example as shipped, its device's values pointed at this emulator and this test's directories
            String pipe = Files.readString(EXAMPLES.resolve("commands-to-files.pipe.yaml"))
                    .replace("tcp://127.0.0.1:6002", onenet.brokerUrl())
                    .replace("\"10001\"", "\"meter-2\"").replace("\"20001\"", "\"meters\"")
                    .replace("RAW(emulator-auth-info)", "RAW(pipe-secret)")
                    .replace("data/pipe-buffer", workDir.resolve("buffer").toString())
                    .replace("file:data/commands", "file:" + commands);
            Path copy = Files.writeString(workDir.resolve("commands-to-files.pipe.yaml"), pipe);
            Main main = run(onenet, copy, Map.of());
            try {
                String commandId = onenet.pushCommand("meter-2", "read register 7");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(reply ->
                        reply.commandId().equals(commandId) && reply.payloadAsText().equals("ok")));
                try (Stream<Path> files = Files.list(commands)) {
                    assertThat(files).singleElement().satisfies(file -> {
                        assertThat(file.getFileName().toString()).startsWith(commandId);
                        assertThat(file).hasContent("read register 7");
                    });
                }
            } finally {
                main.stop();
            }
        }
    }

    /** The example file with its application.properties, the device pointed at the emulator. */
    private Main run(OneNetEmulator onenet, Path example, Map<String, String> more) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + EXAMPLES.resolve("application.properties"));
        if (!SecretKeywords.supported()) {
            // as docs/kamelets.md tells a Camel 4.14 host: its summary would list the secret
            main.configure().setAutoConfigurationLogSummary(false);
        }
        main.configure().withRoutesIncludePattern("file:" + example);
        main.addOverrideProperty("onenet.broker-url", onenet.brokerUrl());
        main.addOverrideProperty("onenet.device-id", "meter-1");
        main.addOverrideProperty("onenet.product-id", "meters");
        main.addOverrideProperty("onenet.auth-info", "m&e=t+er");
        more.forEach(main::addOverrideProperty);
        main.start();
        return main;
    }
}
