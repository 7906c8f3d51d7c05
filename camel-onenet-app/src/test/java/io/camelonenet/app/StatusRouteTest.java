package io.camelonenet.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.health.StatusReport;
import org.apache.camel.CamelContext;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status document served by a route of an embedding application's own, as docs/embedding.md shows it: the
 * request's parameters arrive as headers, among others, and choose the page.
 */
class StatusRouteTest {

    @Test
    void a_route_of_ones_own_serves_the_document_with_the_requests_parameters() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("onenetStatus", new StatusReport(context));
            try (YamlRoutesBuilderLoader loader = new YamlRoutesBuilderLoader()) {
                loader.setCamelContext(context);
                loader.start();
                context.addRoutes(loader.loadRoutesBuilder(ResourceHelper.fromString("status.yaml", """
                        - from:
                            uri: "direct:status"
                            steps:
                              - bean:
                                  ref: onenetStatus
                                  method: "json(${headers})"
                        """)));
            }
            context.start();

            String json = context.createProducerTemplate().requestBodyAndHeaders("direct:status", null,
                    Map.of("limit", "7", "offset", 3, "CamelHttpMethod", "GET"), String.class);

            JsonNode status = JsonMappers.plain().readTree(json);
            assertThat(status.get("app").get("mode").asText()).isEqualTo("device");
            assertThat(status.has("connection")).isTrue();
            assertThat(status.get("commands").get("recent")).isEmpty();
        }
    }
}
