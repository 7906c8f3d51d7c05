package io.camelonenet.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.support.SecretKeywords;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A YAML route file that reaches OneNET only through the two Kamelets, loaded by a plain camel-main as a Camel JBang
 * or Kamelet user runs it (no app wiring, no onenet.* keys), against the emulator, on both protocols.
 */
class KameletRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STUDIO_KEY = Base64.getEncoder().encodeToString("kamelet-device-key+/=".getBytes());

    @TempDir
    Path workDir;
    /** camel-main's own lines at INFO, as a host shows them (its summary of the placeholders it resolved). */
    private final Logger camelMain = (Logger) LoggerFactory.getLogger("org.apache.camel.main");
    private final ListAppender<ILoggingEvent> camelMainLines = new ListAppender<>();
    private Level camelMainLevel;

    @BeforeEach
    void captureCamelMain() {
        camelMainLevel = camelMain.getLevel();
        camelMain.setLevel(Level.INFO);
        camelMainLines.start();
        camelMain.addAppender(camelMainLines);
    }

    @AfterEach
    void releaseCamelMain() {
        camelMain.detachAppender(camelMainLines);
        camelMain.setLevel(camelMainLevel);
    }

    @Test
    void should_upload_and_answer_commands_through_the_kamelets_on_the_legacy_endpoint() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("k-legacy", "kp-1", "ka&1=x").build().start()) {
            Main main = kameletRoutes(onenet, "legacy", "k-legacy", "kp-1", "authInfo: \"RAW(ka&1=x)\"");
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 3);
                assertThat(onenet.record().uploads()).allSatisfy(upload -> {
                    assertThat(upload.deviceId()).isEqualTo("k-legacy");
                    assertThat(upload.datapoints()).extracting(Datapoint::streamId).containsExactly("temperature");
                });

                String commandId = onenet.pushCommand("k-legacy", "open valve");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)
                                && reply.payloadAsText().equals("done: open valve")));
                assertThat(workDir.resolve("commands")).isDirectoryContaining(file ->
                        file.getFileName().toString().startsWith(commandId));
                // the sink and the source share the device's one connection
                assertThat(onenet.record().connectCount("k-legacy")).isEqualTo(1);
                assertSecretMasked("authInfo", "ka&1=x");
                // a sink leaves the body as it came: the route's next step wrote the readings, not the $dp frame
                await().atMost(WAIT).until(() -> afterSink().size() >= 3);
                for (Path written : afterSink()) {
                    assertThat(written).hasContent("{\"temperature\": 21.5}");
                }
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void should_upload_and_answer_commands_through_the_kamelets_on_the_current_platform() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().studioDevice("kProd01", "kDev01", STUDIO_KEY)
                .build().start()) {
            Main main = kameletRoutes(onenet, "studio", "kDev01", "kProd01", "deviceKey: \"RAW(" + STUDIO_KEY + ")\"");
            try {
                await().atMost(WAIT).until(() -> onenet.record().posts().size() >= 3);
                assertThat(onenet.record().posts()).allSatisfy(post ->
                        assertThat(post.datapoints()).extracting(Datapoint::streamId).containsExactly("temperature"));

                // an empty command is ignored and logged, not counted as refused (a full queue's count); the worker
                // takes commands in order, so it was handled once the next one is answered
                onenet.pushCommand("kDev01", new byte[0]);
                String commandId = onenet.pushCommand("kDev01", "open valve");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                        .anyMatch(reply -> reply.commandId().equals(commandId)
                                && reply.payloadAsText().equals("done: open valve")));
                assertThat(onenet.record().connectCount("kDev01")).isEqualTo(1);
                assertSecretMasked("deviceKey", STUDIO_KEY);
                // the platform's answers to the responses are not taken for commands
                assertThat(readiness(main, "kDev01")).containsEntry("commandsRefused", 0L)
                        .containsEntry("commandsAnswered", 1L).containsEntry("state", "CONNECTED");
            } finally {
                main.stop();
            }
        }
    }

    /** The files the step after the sink wrote, one per exchange. */
    private List<Path> afterSink() throws java.io.IOException {
        Path dir = workDir.resolve("after-sink");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The user's route file: a timer's readings into the sink, the source's commands into files, replies set. */
    private Main kameletRoutes(OneNetEmulator onenet, String protocol, String device, String product,
                               String secret) throws Exception {
        String[] connection = {"protocol: \"" + protocol + "\"", "brokerUrl: \"" + onenet.brokerUrl() + "\"",
                "productId: \"" + product + "\"", "device: \"" + device + "\"", secret,
                "bufferDir: \"" + workDir.resolve("buffer") + "\""};
        Path routes = workDir.resolve("kamelet-routes.camel.yaml");
        Files.writeString(routes, """
                - route:
                    id: readings
                    from:
                      uri: "timer:readings"
                      parameters:
                        period: 200
                        repeatCount: 3
                      steps:
                        - setBody:
                            constant: '{"temperature": 21.5}'
                        - to:
                            uri: "kamelet:onenet-datapoint-sink"
                            parameters:
                """ + lines(connection, 14) + "        - to: \"file:" + workDir.resolve("after-sink") + "\"\n"
                + """
                - route:
                    id: commands
                    from:
                      uri: "kamelet:onenet-command-source"
                      parameters:
                """ + lines(connection, 8) + """
                      steps:
                        - to: "file:%s"
                        - setHeader:
                            name: OneNetReply
                            simple: "done: ${bodyAs(String)}"
                """.formatted(workDir.resolve("commands")));
        Main main = new Main();
        // a Kamelet user's camel-main: not the app's bundled application.properties, which this module's class path has
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        main.configure().withRoutesIncludePattern("file:" + routes);
        main.start();
        return main;
    }

    /** camel-main listed the Kamelets' placeholders, the secret's masked: its value is in no line it wrote. */
    private void assertSecretMasked(String option, String secret) {
        if (!SecretKeywords.supported()) {
            // Camel 4.14 cannot be told a library's secrets: its summary prints them (docs/kamelets.md says so)
            return;
        }
        List<String> lines = camelMainLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.contains("] " + option + " = xxxxxx"))
                .noneMatch(line -> line.contains(secret));
    }

    /** The details of the device's readiness check, as /observe/health/ready shows them. */
    private static Map<String, Object> readiness(Main main, String device) {
        return HealthCheckRegistry.get(main.getCamelContext()).getCheck("onenet-device-" + device)
                .orElseThrow().call().getDetails();
    }

    private static String lines(String[] entries, int indent) {
        StringBuilder yaml = new StringBuilder();
        for (String entry : entries) {
            yaml.append(" ".repeat(indent)).append(entry).append('\n');
        }
        return yaml.toString();
    }
}
