package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.ThingReply;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The current platform's thing model through the {@code onenet:} consumer, as the app's thing-model route answers it:
 * a property set, a property get and a service invoke, each answered on its reply topic.
 */
class OneNetComponentThingModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = Base64.getEncoder().encodeToString("thing-device-key".getBytes());
    private static final String DEVICE = "thing01";
    /** The device's properties as the route keeps them: set by the platform, read back by a get. */
    private static final Map<String, Object> PROPERTIES = new ConcurrentHashMap<>(Map.of("interval", 5));

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        onenet = OneNetEmulator.builder().studioDevice("thingProd", DEVICE, KEY).build().start();
        main = new Main();
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("onenet:" + DEVICE + "?protocol=studio&uplinkKind=properties&productId=thingProd&brokerUrl="
                        + onenet.brokerUrl() + "&deviceKey=RAW(" + KEY + ")&bufferDir=" + workDir.resolve("buffer"))
                        .routeId("thing-model")
                        .choice()
                            .when(header("OneNetThingRequest").isEqualTo("set"))
                                .process(exchange -> PROPERTIES.putAll(exchange.getMessage().getBody(Map.class)))
                            .when(header("OneNetThingRequest").isEqualTo("get"))
                                .process(exchange -> exchange.getMessage().setBody(Map.copyOf(PROPERTIES)))
                            .when(header("OneNetService").isEqualTo("reboot"))
                                .setBody(constant(Map.of("rebooting", true)))
                            .otherwise()
                                .setHeader("OneNetReplyCode", constant(404))
                                .setHeader("OneNetReplyMessage", simple("no service ${header.OneNetService}"));
            }
        });
        main.start();
        await().atMost(WAIT).until(() -> onenet.connected(DEVICE));
    }

    @AfterAll
    static void stop() {
        main.stop();
        onenet.close();
    }

    @Test
    void should_answer_a_property_set_and_return_the_value_in_a_later_get() {
        ThingReply set = awaitReply("set_reply", onenet.setProperties(DEVICE, Map.of("interval", 10)));
        assertThat(set.code()).isEqualTo(200);

        ThingReply get = awaitReply("get_reply", onenet.getProperties(DEVICE, List.of("interval")));
        assertThat(get.code()).isEqualTo(200);
        assertThat(get.data().get("interval").asInt()).isEqualTo(10);
    }

    @Test
    void should_answer_a_service_invoke_with_the_routes_output() {
        ThingReply invoke = awaitReply("invoke_reply", onenet.invokeService(DEVICE, "reboot", Map.of("delay", 1)));
        assertThat(invoke.code()).isEqualTo(200);
        assertThat(invoke.data().get("rebooting").asBoolean()).isTrue();
    }

    @Test
    void should_answer_with_the_code_the_route_set() {
        ThingReply invoke = awaitReply("invoke_reply", onenet.invokeService(DEVICE, "selfDestruct", Map.of()));
        assertThat(invoke.code()).isEqualTo(404);
    }

    private static ThingReply awaitReply(String kind, String id) {
        await().atMost(WAIT).until(() -> onenet.record().thingReplies().stream()
                .anyMatch(reply -> reply.kind().equals(kind) && reply.id().equals(id)));
        return onenet.record().thingReplies().stream()
                .filter(reply -> reply.kind().equals(kind) && reply.id().equals(id)).findFirst().orElseThrow();
    }
}
