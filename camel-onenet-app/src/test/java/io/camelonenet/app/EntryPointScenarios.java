package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.ThingReply;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * One behaviour through each entry point: the app's bundled YAML routes, the {@code onenet:} component in the Java
 * DSL, and the two Kamelets in a YAML route. Each subclass starts its host for the same current-platform device (a
 * OneJSON product) and its routes do what the bundled routes do: readings up as property posts, a command written
 * to a file and answered {@code ok}, the thing model answered (a get with the temperature). The scenarios below then
 * run unchanged against it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EntryPointScenarios {

    static final String PRODUCT = "scenarioProd";
    static final String DEVICE = "scenario01";
    static final String KEY = Base64.getEncoder().encodeToString("scenario-device-key".getBytes());
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path workDir;
    private OneNetEmulator onenet;
    private AutoCloseable host;

    /** Starts the host against {@code onenet}, commands written to {@code commands}, its files under workDir. */
    abstract AutoCloseable start(OneNetEmulator onenet, Path workDir, Path commands) throws Exception;

    /** The host's Camel context. */
    abstract CamelContext context();

    /** The id of the device's readiness check in this host. */
    abstract String readinessCheck();

    @BeforeAll
    void startHost(@TempDir Path workDir) throws Exception {
        this.workDir = workDir;
        onenet = OneNetEmulator.builder().studioDevice(PRODUCT, DEVICE, KEY).build().start();
        host = start(onenet, workDir, workDir.resolve("commands"));
        await().atMost(WAIT).until(() -> onenet.connected(DEVICE));
    }

    @AfterAll
    void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
        onenet.close();
    }

    @Test
    void should_post_readings_at_qos_1_and_get_them_accepted() {
        await().atMost(WAIT).until(() -> onenet.record().posts().stream().filter(post -> post.accepted()).count() >= 2);
        assertThat(onenet.record().posts()).allSatisfy(post -> assertThat(post.deviceName()).isEqualTo(DEVICE));
    }

    @Test
    void should_write_a_command_to_a_file_and_answer_it() {
        String commandId = onenet.pushCommand(DEVICE, "open valve");
        await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(reply ->
                reply.commandId().equals(commandId) && reply.payloadAsText().equals("ok")));
        assertThat(workDir.resolve("commands")).isDirectoryContaining(file ->
                file.getFileName().toString().startsWith(commandId) && content(file).equals("open valve"));
    }

    @Test
    void should_ignore_an_empty_command_and_answer_the_next() {
        onenet.pushCommand(DEVICE, new byte[0]);
        String commandId = onenet.pushCommand(DEVICE, "after the empty one");
        await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                .anyMatch(reply -> reply.commandId().equals(commandId)));
    }

    @Test
    void should_refuse_an_oversized_command_and_answer_the_next() {
        // past the 64 KiB bound (maxCommandBytes, onenet.downlink.max-bytes): refused before it is read
        String oversized = onenet.pushCommand(DEVICE, "x".repeat(70_000));
        await().atMost(WAIT).until(() -> onenet.connected(DEVICE));
        String commandId = onenet.pushCommand(DEVICE, "after the oversized one");
        await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                .anyMatch(reply -> reply.commandId().equals(commandId)));
        assertThat(onenet.record().replies()).noneMatch(reply -> reply.commandId().equals(oversized));
        assertThat(workDir.resolve("commands")).isDirectoryNotContaining(file ->
                file.getFileName().toString().startsWith(oversized));
    }

    @Test
    void should_answer_a_property_set() {
        ThingReply reply = awaitReply("set_reply", onenet.setProperties(DEVICE, Map.of("interval", 10)));
        assertThat(reply.code()).isEqualTo(200);
    }

    @Test
    void should_answer_a_property_get_with_the_values_asked_for() {
        ThingReply reply = awaitReply("get_reply", onenet.getProperties(DEVICE, List.of("temperature")));
        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().fieldNames()).toIterable().containsExactly("temperature");
    }

    @Test
    void should_answer_a_service_invoke() {
        ThingReply reply = awaitReply("invoke_reply", onenet.invokeService(DEVICE, "reboot", Map.of("delay", 1)));
        assertThat(reply.code()).isEqualTo(200);
    }

    @Test
    void should_be_ready_while_connected_and_count_what_it_did() {
        String commandId = onenet.pushCommand(DEVICE, "count me");
        await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                .anyMatch(reply -> reply.commandId().equals(commandId)));
        await().atMost(WAIT).untilAsserted(() -> {
            HealthCheck.Result result = HealthCheckRegistry.get(context()).getCheck(readinessCheck()).orElseThrow()
                    .call();
            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getDetails()).containsEntry("state", "CONNECTED");
            assertThat((Long) result.getDetails().get("commandsAnswered")).isPositive();
        });
    }

    private ThingReply awaitReply(String kind, String id) {
        await().atMost(WAIT).until(() -> onenet.record().thingReplies().stream()
                .anyMatch(reply -> reply.kind().equals(kind) && reply.id().equals(id)));
        return onenet.record().thingReplies().stream()
                .filter(reply -> reply.kind().equals(kind) && reply.id().equals(id)).findFirst().orElseThrow();
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
