package io.camelonenet.connection;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code onenet-publish}'s options set once on the component, as camel-main binds {@code
 * camel.component.onenet-publish.*}, so that a route names only its topic; an endpoint's URI overrides them for itself.
 * (The connection is never started: only the endpoints are made.)
 */
class PublishComponentOptionsTest {

    @Test
    void should_take_the_connection_from_the_component_and_overrides_from_the_uri() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            DeviceConnection device = new DeviceConnection(
                    ConnectionSettings.of("tcp://127.0.0.1:1", "publish-1", "p-1", PasswordSource.fixed("k-1")));
            camel.getRegistry().bind("meterConnection", device);
            PublishComponent component = camel.getComponent("onenet-publish", PublishComponent.class);
            Map<String, Object> options = new HashMap<>(Map.of("connection", "#bean:meterConnection", "qos", "1"));
            // as camel-main binds camel.component.onenet-publish.*: through the component's generated configurer
            PropertyBindingSupport.build().withConfigurer(PluginHelper.getConfigurerResolver(camel)
                    .resolvePropertyConfigurer("onenet-publish-component", camel)).bind(camel, component, options);

            PublishEndpoint plain = camel.getEndpoint("onenet-publish:$dp", PublishEndpoint.class);
            PublishEndpoint atMostOnce = camel.getEndpoint("onenet-publish:$dp?qos=0", PublishEndpoint.class);

            assertThat(plain.getConnection()).isSameAs(device);
            assertThat(plain.getQos()).isEqualTo(1);
            assertThat(atMostOnce.getConnection()).isSameAs(device);
            assertThat(atMostOnce.getQos()).isZero();
            assertThat(component.getConfiguration().getQos()).isEqualTo(1);
        }
    }

    @Test
    void should_refuse_an_endpoint_without_a_connection() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            assertThatThrownBy(() -> camel.getEndpoint("onenet-publish:$dp"))
                    .hasStackTraceContaining("give one of the options connection");
        }
    }
}
