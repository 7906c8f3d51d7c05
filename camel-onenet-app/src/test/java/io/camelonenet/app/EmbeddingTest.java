package io.camelonenet.app;

import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.CommandAcceptor;
import io.camelonenet.route.DatapointJsonBuilder;
import io.camelonenet.route.DpFramer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The beans in a plain CamelContext with Java DSL routes, as a team embedding them would use them. */
class EmbeddingTest {

    @Test
    void should_upload_and_answer_commands_from_java_dsl_routes() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().device("embedded-1", "p-1", "k-1").build().start();
             CamelContext camel = new DefaultCamelContext()) {
            DeviceConnection device = new DeviceConnection(
                    ConnectionSettings.of(onenet.brokerUrl(), "embedded-1", "p-1", PasswordSource.fixed("k-1")));
            device.bindClient(camel.getRegistry(), "onenetClient");
            camel.addService(device);
            DatapointJsonBuilder json = new DatapointJsonBuilder();
            json.setTimeZone("UTC");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reading").routeId("uplink")
                            .process(json)
                            .bean(new DpFramer(), "frame")
                            .to("paho:$dp?client=#onenetClient&qos=1");
                    from("paho:$creq/+?client=#onenetClient&qos=1").routeId("downlink")
                            .threads(1)
                            .bean(new CommandAcceptor(), "accept")
                            .setBody(constant("done"))
                            .setHeader("CamelPahoOverrideTopic", header("OneNetReplyTopic"))
                            .to("paho:$crsp?client=#onenetClient&qos=1");
                }
            });
            camel.start();
            NotifyBuilder uploaded = new NotifyBuilder(camel).fromRoute("uplink").whenCompleted(1).create();

            camel.createProducerTemplate().sendBody("direct:reading", Map.of("pressure", 1013));

            assertThat(uploaded.matches(20, TimeUnit.SECONDS)).as("uplink exchange completed").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !onenet.record().uploads().isEmpty());
            assertThat(onenet.record().uploads().get(0).datapoints()).singleElement()
                    .satisfies(point -> assertThat(point.value().toString()).isEqualTo("1013"));

            String commandId = onenet.pushCommand("embedded-1", "reboot");
            await().atMost(Duration.ofSeconds(10)).until(() -> onenet.record().replies().stream()
                    .anyMatch(reply -> reply.commandId().equals(commandId) && reply.payloadAsText().equals("done")));
            assertThat(onenet.record().connectCount("embedded-1")).isEqualTo(1);
        }
    }
}
