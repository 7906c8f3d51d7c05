package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.PostedDatapoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same YAML routes with onenet.protocol=studio, against the emulator's current-platform mode. */
class StudioRoutesTest {

    static final String PRODUCT = "Pq3Xk9";
    static final String DEVICE = "gateway-01";
    static final String KEY = "EnW4T71eIE55xOIQMN6pFMKuqel5T5HTzsGJRPiDhlM=";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    @Test
    void should_post_datapoints_get_them_accepted_and_answer_commands_under_sys_topics() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().studioDevice(PRODUCT, DEVICE, KEY).build().start();
             // any case (ONENET_PROTOCOL=STUDIO) chooses the current platform's routes and wiring alike
             RunningApp app = RunningApp.start(properties(onenet, "STUDIO"), context -> { })) {

            await().atMost(WAIT).until(() -> onenet.record().posts().size() >= 3);
            List<PostedDatapoints> posts = onenet.record().posts();
            assertThat(posts).allSatisfy(post -> {
                assertThat(post.accepted()).isTrue();
                assertThat(post.deviceName()).isEqualTo(DEVICE);
                assertThat(post.datapoints()).extracting(Datapoint::streamId)
                        .containsExactly("temperature", "humidity", "seq");
            });
            assertThat(posts).extracting(PostedDatapoints::requestId).doesNotHaveDuplicates();

            String commandId = onenet.pushCommand(DEVICE, "{\"fan\":\"on\"}");
            await().atMost(WAIT).until(() -> onenet.record().replies().stream()
                    .anyMatch(reply -> reply.commandId().equals(commandId)));
            assertThat(workDir.resolve("commands").resolve(commandId + ".cmd")).hasContent("{\"fan\":\"on\"}");
            assertThat(deadLetters()).isEmpty();
            assertThat(onenet.record().refusedSubscriptions()).isEmpty();
            assertThat(onenet.record().connectCount(DEVICE)).isEqualTo(1);
        }
    }

    @Test
    void should_send_a_rejected_datapoint_post_to_the_dead_letters_with_the_platforms_reason() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().studioDevice(PRODUCT, DEVICE, KEY)
                .rejectDatastream("seq").build().start();
             RunningApp app = RunningApp.start(properties(onenet), context -> { })) {

            await().atMost(WAIT).until(() -> deadLetters().size() >= 2);

            assertThat(Files.readString(deadLetters().get(0)))
                    .contains("rejected: err_code 98, Illegal Data").contains("\"routeId\":\"onenet-forwarder\"")
                    .contains("\"body\":\"{\\\"id\\\":");
            assertThat(onenet.record().posts()).noneMatch(PostedDatapoints::accepted);
            // published counts the platform's acceptance, not the PUBACK: none here, though each post had its PUBACK
            assertThat(app.context().getRegistry().lookupByNameAndType("deviceCounters",
                    io.camelonenet.health.DeviceCounters.class).snapshot()).containsEntry("published", 0L);
        }
    }

    @Test
    void should_refuse_a_command_response_over_1_kb_before_sending_it() throws Exception {
        String routes = BundledRoutes.copy(workDir.resolve("routes"), "studio",
                yaml -> yaml.replace("constant: \"ok\"", "constant: \"" + "x".repeat(2000) + "\""));
        try (OneNetEmulator onenet = OneNetEmulator.builder().studioDevice(PRODUCT, DEVICE, KEY).build().start()) {
            Map<String, String> properties = properties(onenet);
            properties.put("camel.main.routes-include-pattern", routes);
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> !onenet.record().posts().isEmpty());
                String commandId = onenet.pushCommand(DEVICE, "big answer please");
                Path written = workDir.resolve("commands").resolve(commandId + ".cmd");
                await().atMost(WAIT).until(() -> Files.exists(written));
                // a later command still gets through the route: the refusal did not stop it
                String next = onenet.pushCommand(DEVICE, "next");
                await().atMost(WAIT).until(() -> Files.exists(workDir.resolve("commands").resolve(next + ".cmd")));
                assertThat(onenet.record().replies()).isEmpty();
                assertThat(onenet.record().illegalFrames()).isEmpty();
            }
        }
    }

    private Map<String, String> properties(OneNetEmulator onenet) {
        return properties(onenet, "studio");
    }

    private Map<String, String> properties(OneNetEmulator onenet, String protocol) {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.protocol", protocol);
        properties.put("onenet.product-id", PRODUCT);
        properties.put("onenet.device-name", DEVICE);
        properties.put("onenet.device-key", KEY);
        properties.put("onenet.reply.timeout", "3000");
        return properties;
    }

    /**
     * The settings of a thing-model device ({@code onenet.uplink.kind=properties}) of the emulator's {@link #PRODUCT}
     * and {@link #DEVICE}, loading the common and current-platform routes.
     */
    static Map<String, String> thingModelDevice(OneNetEmulator onenet, Path workDir) {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.protocol", "studio");
        properties.put("onenet.uplink.kind", "properties");
        properties.put("onenet.product-id", PRODUCT);
        properties.put("onenet.device-name", DEVICE);
        properties.put("onenet.device-key", KEY);
        properties.put("camel.main.routes-include-pattern",
                "file:routes/common/*.camel.yaml,file:routes/studio/*.camel.yaml");
        return properties;
    }

    private List<Path> deadLetters() throws IOException {
        return RunningApp.deadLetters(workDir);
    }
}
