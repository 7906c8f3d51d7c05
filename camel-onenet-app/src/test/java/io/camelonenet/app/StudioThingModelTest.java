package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.PostedDatapoints;
import io.camelonenet.emulator.ThingReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OneJSON thing model through the bundled routes: property post, set, get, service invoke, event post. */
class StudioThingModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DEVICE = StudioRoutesTest.DEVICE;

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        onenet = OneNetEmulator.builder().studioDevice(StudioRoutesTest.PRODUCT, DEVICE, StudioRoutesTest.KEY)
                .build().start();
        Map<String, String> properties = StudioRoutesTest.thingModelDevice(onenet, workDir);
        properties.put("camel.main.routes-include-pattern",
                "file:routes/common/*.camel.yaml,file:routes/studio/*.camel.yaml,file:routes/examples/studio-event.camel.yaml");
        app = RunningApp.start(properties, context -> { });
        await().atMost(WAIT).until(() -> !onenet.record().posts().isEmpty());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        onenet.close();
    }

    @Test
    void should_post_properties_and_get_them_accepted() {
        await().atMost(WAIT).until(() -> onenet.record().posts().size() >= 2);

        PostedDatapoints post = onenet.record().posts().get(0);
        assertThat(post.accepted()).isTrue();
        assertThat(post.datapoints()).extracting(Datapoint::streamId).containsExactly("temperature", "humidity", "seq");
        assertThat(post.datapoints()).allSatisfy(point -> assertThat(point.at()).isNotNull());
    }

    @Test
    void should_answer_a_property_set_on_set_reply() {
        String id = onenet.setProperties(DEVICE, Map.of("interval", 10));

        ThingReply reply = awaitReply("set_reply", id);

        assertThat(reply.code()).isEqualTo(200);
    }

    @Test
    void should_answer_a_property_get_with_the_values_asked_for() {
        String id = onenet.getProperties(DEVICE, List.of("temperature"));

        ThingReply reply = awaitReply("get_reply", id);

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().fieldNames()).toIterable().containsExactly("temperature");
    }

    @Test
    void should_answer_a_service_invoke_on_invoke_reply() {
        String id = onenet.invokeService(DEVICE, "reboot", Map.of("delay", 1));

        ThingReply reply = awaitReply("invoke_reply", id);

        assertThat(reply.code()).isEqualTo(200);
    }

    @Test
    void should_post_an_event_and_get_it_accepted() {
        await().atMost(WAIT).until(() -> !onenet.record().events().isEmpty());

        PostedDatapoints event = onenet.record().events().get(0);
        assertThat(event.accepted()).isTrue();
        assertThat(event.datapoints()).extracting(Datapoint::streamId).containsExactly("overheat");
    }

    private static ThingReply awaitReply(String kind, String id) {
        await().atMost(WAIT).until(() -> onenet.record().thingReplies().stream()
                .anyMatch(reply -> reply.kind().equals(kind) && reply.id().equals(id)));
        return onenet.record().thingReplies().stream()
                .filter(reply -> reply.kind().equals(kind) && reply.id().equals(id)).findFirst().orElseThrow();
    }
}
