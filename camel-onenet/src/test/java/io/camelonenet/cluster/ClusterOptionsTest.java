package io.camelonenet.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code onenet-cluster}'s Kafka options, as camel-kafka takes them: on the component for every endpoint, in the URI
 * for one, the defaults of {@link ClusterOptions} for the rest; a mistake names the option. (The endpoints are only
 * made here, never started: the ownership is a placeholder that fails if it is ever asked anything.)
 */
class ClusterOptionsTest {

    private static final Ownership NEVER_ASKED = (Ownership) Proxy.newProxyInstance(
            Ownership.class.getClassLoader(), new Class<?>[] {Ownership.class}, (proxy, method, args) -> {
                throw new AssertionError("the ownership was asked " + method.getName());
            });

    @Test
    void should_take_the_components_options_the_uris_and_the_defaults() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ClusterComponent component = new ClusterComponent();
            component.setOwnership(NEVER_ASKED);
            component.getConfiguration().setBrokers("kafka-1:9092,kafka-2:9092");
            component.getConfiguration().setGroupId("meters");
            camel.addComponent("onenet-cluster", component);

            ClusterEndpoint endpoint = camel.getEndpoint("onenet-cluster:readings?groupId=meters-b&window=50"
                    + "&additionalProperties.security.protocol=SSL", ClusterEndpoint.class);
            ClusterOptions options = endpoint.options();

            assertThat(options.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
            assertThat(options.groupId()).isEqualTo("meters-b");
            assertThat(options.window()).isEqualTo(50);
            assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SSL");
            assertThat(options.topic()).isEqualTo(ClusterOptions.DEFAULT_TOPIC);
            assertThat(options.handoverTimeout()).isEqualTo(Duration.ofMillis(ClusterOptions.DEFAULT_HANDOVER_TIMEOUT_MS));
            assertThat(options.clientId()).startsWith("camel-onenet-");
            // the URI changed the endpoint's copy, not the component's options
            assertThat(component.getConfiguration().getGroupId()).isEqualTo("meters");
            assertThat(component.getConfiguration().getAdditionalProperties()).isEmpty();
        }
    }

    @Test
    void should_name_the_option_that_is_wrong_or_missing() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ClusterComponent component = new ClusterComponent();
            camel.addComponent("onenet-cluster", component);
            assertThatThrownBy(() -> camel.getEndpoint("onenet-cluster:readings?brokers=k:9092"))
                    .hasStackTraceContaining("option ownership is missing");

            component.setOwnership(NEVER_ASKED);
            assertThatThrownBy(() -> camel.getEndpoint("onenet-cluster:readings"))
                    .hasStackTraceContaining("option brokers is missing");
            assertThatThrownBy(() -> camel.getEndpoint("onenet-cluster:readings?brokers=k:9092&sessionTimeout=1000"))
                    .hasStackTraceContaining("option sessionTimeout must be between 6000 and 300000 ms");
            assertThatThrownBy(() -> camel.getEndpoint("onenet-cluster:readings?brokers=k:9092&window=0"))
                    .hasStackTraceContaining("option window must be positive");
        }
    }
}
