package io.camelonenet.buffer;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** onenet-buffer without a buffer bean: configured by component options, as from application.properties. */
class BufferComponentOptionsTest {

    @TempDir
    Path directory;

    @Test
    void should_open_its_own_buffer_from_the_component_options_and_close_it_with_the_context() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        // bound as camel-main binds camel.component.onenet-buffer.* keys: through the generated configurer
        BufferComponent options = new BufferComponent();
        PropertyBindingSupport.build().withCamelContext(camel).withTarget(options)
                .withConfigurer(PluginHelper.getConfigurerResolver(camel)
                        .resolvePropertyConfigurer("onenet-buffer-component", camel))
                .withProperties(new java.util.HashMap<>(Map.of("directory", directory.toString(),
                        "max-bytes", "4096", "policy", "refuse-new")))
                .bind();
        camel.addComponent("onenet-buffer", options);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:store").to("onenet-buffer:uplink?topic=$dp");
            }
        });
        camel.start();
        try {
            camel.createProducerTemplate().sendBody("direct:store", new byte[] {1, 2, 3});

            BufferComponent component = camel.getComponent("onenet-buffer", BufferComponent.class);
            assertThat(component).isSameAs(options);
            assertThat(component.getDirectory()).isEqualTo(directory.toString());
            assertThat(component.getMaxBytes()).isEqualTo(4096);
            assertThat(component.getBuffer().count()).isEqualTo(1);
            assertThat(directory.resolve(SqliteUplinkBuffer.FILE_NAME)).exists();
        } finally {
            camel.close();
        }
        // the buffer the component opened is closed with it (cleanly: its open marker is gone), the message kept
        assertThat(directory.resolve(SqliteUplinkBuffer.FILE_NAME + ".open")).doesNotExist();
        try (SqliteUplinkBuffer reopened = new SqliteUplinkBuffer(directory, 4096, FullPolicy.REFUSE_NEW)) {
            assertThat(reopened.count()).isEqualTo(1);
        }
    }
}
