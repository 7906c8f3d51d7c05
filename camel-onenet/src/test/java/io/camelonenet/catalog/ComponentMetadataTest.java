package io.camelonenet.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.BufferEndpoint;
import io.camelonenet.connection.PublishEndpoint;
import io.camelonenet.device.OneNetDeviceEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata Camel's tooling reads (the component JSON the catalog, IDEs and Camel JBang show) and the generated
 * configurers that bind options without reflection, as they come out of the build.
 */
class ComponentMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "onenet-publish, META-INF/io/camelonenet/connection/onenet-publish.json, io.camelonenet.connection.PublishEndpoint, io.camelonenet.connection.PublishComponent",
            "onenet-buffer, META-INF/io/camelonenet/buffer/onenet-buffer.json, io.camelonenet.buffer.BufferEndpoint, io.camelonenet.buffer.BufferComponent",
            "onenet, META-INF/io/camelonenet/device/onenet.json, io.camelonenet.device.OneNetDeviceEndpoint, io.camelonenet.device.OneNetDeviceComponent",
            "onenet-cluster, META-INF/io/camelonenet/cluster/onenet-cluster.json, io.camelonenet.cluster.ClusterEndpoint, io.camelonenet.cluster.ClusterComponent",
            "onenet-points, META-INF/io/camelonenet/field/onenet-points.json, io.camelonenet.field.PointsEndpoint, io.camelonenet.field.PointsComponent"})
    void should_list_every_option_with_its_description(String scheme, String json, Class<?> endpoint,
                                                       Class<?> component) throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(json)) {
            assertThat(in).as(json + " on the class path").isNotNull();
            metadata = JSON.readTree(in);
        }
        assertThat(metadata.path("component").path("scheme").asText()).isEqualTo(scheme);
        assertThat(metadata.path("component").path("description").asText()).isNotBlank();

        Set<String> listed = new TreeSet<>();
        metadata.path("properties").fieldNames().forEachRemaining(listed::add);
        assertThat(listed).as("endpoint options of " + scheme).containsAll(annotated(endpoint, List.of(UriParam.class, UriPath.class)));
        Set<String> componentListed = new TreeSet<>();
        metadata.path("componentProperties").fieldNames().forEachRemaining(componentListed::add);
        assertThat(componentListed).as("component options of " + scheme).containsAll(annotated(component, List.of(Metadata.class)));

        for (String section : new String[] {"properties", "componentProperties"}) {
            metadata.path(section).properties().forEach(option -> assertThat(option.getValue()
                    .path("description").asText()).as(scheme + " option " + option.getKey()).isNotBlank());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "META-INF/io/camelonenet/device/onenet.json; CamelMqttTopic,CamelFileName,OneNetCommandBytes,OneNetCommandId,OneNetReply,OneNetReplyMaxBytes,OneNetReplyTopic,OneNetThingRequest,OneNetService,OneNetThingRequestId,OneNetRequestedProperties,OneNetReplyCode,OneNetReplyMessage,OneNetReadingTime",
            "META-INF/io/camelonenet/connection/onenet-publish.json; OneNetAnswerDeadline,OneNetDeviceId,OneNetTopic",
            "META-INF/io/camelonenet/buffer/onenet-buffer.json; OneNetDeviceId,OneNetTopic",
            "META-INF/io/camelonenet/cluster/onenet-cluster.json; OneNetDeviceId",
            "META-INF/io/camelonenet/field/onenet-points.json; OneNetDeviceId,OneNetProductId,OneNetDeviceName,OneNetReadingTime,OneNetFieldSource"})
    void should_list_the_headers_each_component_reads_or_sets_with_a_description(String json, String headers)
            throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(json)) {
            assertThat(in).as(json + " on the class path").isNotNull();
            metadata = JSON.readTree(in);
        }
        Set<String> listed = new TreeSet<>();
        metadata.path("headers").fieldNames().forEachRemaining(listed::add);
        assertThat(listed).as("headers in " + json).isEqualTo(new TreeSet<>(List.of(headers.split(","))));
        metadata.path("headers").properties().forEach(header -> {
            assertThat(header.getValue().path("description").asText()).as(header.getKey()).isNotBlank();
            assertThat(header.getValue().path("javaType").asText()).as(header.getKey()).isNotBlank();
        });
    }

    @ParameterizedTest
    @CsvSource({"onenet-publish-endpoint", "onenet-buffer-endpoint", "onenet-buffer-component", "onenet-endpoint",
            "onenet-component", "onenet-cluster-endpoint", "onenet-cluster-component", "onenet-points-endpoint",
            "onenet-points-component"})
    void should_bind_options_through_generated_configurers(String name) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            assertThat(PluginHelper.getConfigurerResolver(camel).resolvePropertyConfigurer(name, camel))
                    .as("configurer " + name).isNotNull()
                    .extracting(configurer -> configurer.getClass().getSimpleName()).asString().endsWith("Configurer");
        }
    }

    /**
     * The options a class declares; a field of a {@code @UriParams} class (an options class the component and its
     * endpoints share) stands for that class's options, and on a component is an option itself too.
     */
    private static Set<String> annotated(Class<?> type, List<Class<? extends java.lang.annotation.Annotation>> marks) {
        Set<String> names = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (marks.stream().noneMatch(field::isAnnotationPresent)) {
                continue;
            }
            boolean nested = field.getType().isAnnotationPresent(UriParams.class);
            if (nested) {
                names.addAll(annotated(field.getType(), List.of(UriParam.class)));
            }
            if (!nested || !field.isAnnotationPresent(UriParam.class)) {
                names.add(field.getName());
            }
        }
        return names;
    }

    // referenced so that a renamed class fails to compile here, not silently in the CSV above
    @SuppressWarnings("unused")
    private static final Class<?>[] COMPONENTS = {PublishEndpoint.class, BufferEndpoint.class, BufferComponent.class,
            OneNetDeviceEndpoint.class};
}
