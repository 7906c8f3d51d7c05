package io.camelonenet.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.emulator.OneNetEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot host with the starter: the component's options set once as {@code camel.component.onenet.*}, used by
 * every endpoint that names none; the device's readiness in the actuator's health; its meters in Boot's registry.
 */
@SpringBootTest(classes = OneNetStarterTest.Host.class, properties = {
        "camel.main.name=starter-host",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always",
        // every check with its details, not only those that are DOWN (camel-spring-boot's default)
        "camel.health.exposure-level=full"})
class OneNetStarterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OneNetEmulator ONENET = OneNetEmulator.builder()
            .device("starter-meter", "starter-meters", "starter+secret=").build().start();

    @SpringBootApplication
    static class Host {

        @Bean
        RouteBuilder meterRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:meter?period=200").routeId("readings")
                            .setBody(constant(Map.of("current", 5)))
                            .to("onenet:starter-meter?bufferDir={{meter.buffer-dir}}");
                    from("onenet:starter-meter?bufferDir={{meter.buffer-dir}}").routeId("commands")
                            .setHeader("OneNetReply", simple("starter accepted ${bodyAs(String)}"));
                }
            };
        }
    }

    @DynamicPropertySource
    static void onenet(DynamicPropertyRegistry properties) throws Exception {
        properties.add("camel.component.onenet.broker-url", ONENET::brokerUrl);
        properties.add("camel.component.onenet.product-id", () -> "starter-meters");
        properties.add("camel.component.onenet.auth-info", () -> "starter+secret=");
        properties.add("camel.component.onenet.keep-alive", () -> "30");
        Path buffer = Files.createTempDirectory("starter-buffer");
        properties.add("meter.buffer-dir", buffer::toString);
    }

    @AfterAll
    static void stopEmulator() {
        ONENET.close();
    }

    @Autowired
    CamelContext camel;

    @Test
    void should_take_the_components_options_from_spring_boots_properties() {
        await().atMost(WAIT).until(() -> ONENET.record().uploads().size() >= 2);
        String commandId = ONENET.pushCommand("starter-meter", "calibrate");
        await().atMost(WAIT).until(() -> ONENET.record().replies().stream().anyMatch(reply ->
                reply.commandId().equals(commandId) && reply.payloadAsText().equals("starter accepted calibrate")));
        assertThat(ONENET.record().connectCount("starter-meter")).isEqualTo(1);
        assertThat(camel.getName()).isEqualTo("starter-host");
    }

    @Test
    void should_show_the_devices_readiness_in_the_actuators_health(@Autowired HealthEndpoint health) {
        await().atMost(WAIT).until(() -> ONENET.connected("starter-meter"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(checks(health.health())).contains("onenet-device-starter-meter"));
    }

    @Test
    void should_bind_the_devices_meters_to_spring_boots_registry(@Autowired MeterRegistry registry) {
        await().atMost(WAIT).until(() -> registry.find("onenet.readings.published").meters().size() == 1
                && registry.get("onenet.readings.published").functionCounter().count() >= 1);
    }

    @Test
    void should_describe_the_components_options_for_ide_completion() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Set<String> names = new HashSet<>();
        metadata.path("properties").forEach(property -> names.add(property.path("name").asText()));
        // every option of the component's catalog, as Boot writes its name
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/io/camelonenet/device/onenet.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        Set<String> options = new HashSet<>();
        catalog.path("componentProperties").properties().forEach(option -> {
            if (option.getValue().path("configurationClass").asText().endsWith("OneNetDeviceConfiguration")) {
                options.add(OneNetAutoConfiguration.PREFIX + "."
                        + option.getKey().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT));
            }
        });
        assertThat(options).contains("camel.component.onenet.broker-url", "camel.component.onenet.dead-letter-uri");
        assertThat(names).containsAll(options);
    }

    /** The names of every health contributor and detail, all levels down. */
    private static Set<String> checks(HealthComponent health) {
        Set<String> names = new HashSet<>();
        if (health instanceof CompositeHealth composite) {
            composite.getComponents().forEach((name, part) -> {
                names.add(name);
                names.addAll(checks(part));
            });
        } else if (health instanceof org.springframework.boot.actuate.health.Health leaf) {
            leaf.getDetails().keySet().forEach(names::add);
        }
        return names;
    }
}
