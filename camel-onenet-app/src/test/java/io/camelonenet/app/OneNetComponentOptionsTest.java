package io.camelonenet.app;

import ch.qos.logback.classic.Level;
import io.camelonenet.device.OneNetDeviceComponent;
import io.camelonenet.device.OneNetDeviceEndpoint;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.support.SecretKeywords;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code onenet:} options set once on the component ({@code camel.component.onenet.*} in a camel-main host), used
 * by every endpoint that does not name them, and overridden by one that does.
 */
class OneNetComponentOptionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void should_use_the_components_options_in_every_endpoint_that_does_not_override_them(String level)
            throws Exception {
        try (HostLogs logs = HostLogs.at(Level.toLevel(level));
             OneNetEmulator onenet = OneNetEmulator.builder().device("meter-1", "meters", "secret-1")
                .device("meter-2", "meters", "secret-1").build().start()) {
            Main main = host();
            main.addOverrideProperty("camel.component.onenet.broker-url", onenet.brokerUrl());
            main.addOverrideProperty("camel.component.onenet.product-id", "meters");
            // the secret under a key of the host's own, as docs/embedding.md shows: Camel's DEBUG lines list the
            // camel.* keys as written, so they show the placeholder, never the value
            main.addOverrideProperty("meter.auth-info", "secret-1");
            main.addOverrideProperty("camel.component.onenet.auth-info", "{{meter.auth-info}}");
            main.addOverrideProperty("camel.component.onenet.time-zone", "UTC");
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:meter-1?period=200").routeId("meter-1-readings")
                            .setBody(constant(Map.of("voltage", 230)))
                            .to("onenet:meter-1?bufferDir=" + workDir.resolve("meter-1"));
                    from("onenet:meter-1?bufferDir=" + workDir.resolve("meter-1")).routeId("meter-1-commands")
                            .setHeader("OneNetReply", simple("done ${bodyAs(String)}"));
                    // another device of the product: an option of its own in its URI, the rest from the component
                    from("timer:meter-2?period=200").routeId("meter-2-readings")
                            .setBody(constant(Map.of("current", 5)))
                            .to("onenet:meter-2?timeZone=Asia/Shanghai&bufferDir=" + workDir.resolve("meter-2"));
                }
            });
            main.start();
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().stream()
                        .map(upload -> upload.deviceId()).distinct().count() == 2);
                String commandId = onenet.pushCommand("meter-1", "reset");
                await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(reply ->
                        reply.commandId().equals(commandId) && reply.payloadAsText().equals("done reset")));
                // one connection per device, shared by its sink and its source
                assertThat(onenet.record().connectCount("meter-1")).isEqualTo(1);
                assertThat(onenet.record().connectCount("meter-2")).isEqualTo(1);

                OneNetDeviceComponent component = main.getCamelContext().getComponent("onenet",
                        OneNetDeviceComponent.class);
                OneNetDeviceEndpoint meter2 = main.getCamelContext().getEndpoints().stream()
                        .filter(OneNetDeviceEndpoint.class::isInstance).map(OneNetDeviceEndpoint.class::cast)
                        .filter(endpoint -> endpoint.getDevice().equals("meter-2")).findFirst().orElseThrow();
                // the endpoint's override stays its own: the component's options are copied, not shared
                assertThat(meter2.getConfiguration().getTimeZone()).isEqualTo("Asia/Shanghai");
                assertThat(meter2.getConfiguration().getProductId()).isEqualTo("meters");
                assertThat(component.getConfiguration().getTimeZone()).isEqualTo("UTC");
            } finally {
                main.stop();
            }
            // camel-main listed the component's options, the secrets masked; no other line has them either
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("secret-1"));
        }
    }

    /** A camel-main host of its own: not the app's bundled application.properties, which this module's class path has. */
    private Main host() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        if (!SecretKeywords.supported()) {
            // Camel 4.14 cannot be told the library's secrets: its summary would list them, so a host turns it off
            // (docs/embedding.md)
            main.configure().setAutoConfigurationLogSummary(false);
        }
        return main;
    }

    @Test
    void should_name_the_option_a_device_misses() {
        Main main = host();
        main.addOverrideProperty("camel.component.onenet.product-id", "meters");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("onenet:meter-3?authInfo=x&bufferDir=" + workDir.resolve("meter-3")).log("${body}");
            }
        });
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("onenet:meter-3: option brokerUrl is missing");
        } finally {
            main.stop();
        }
    }
}
