package io.camelonenet.route;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.dp.BinaryMessage;
import io.camelonenet.dp.DelimitedMessage;
import io.camelonenet.dp.DpFrameException;
import io.camelonenet.dp.DpMessage;
import io.camelonenet.dp.FloatGroup;
import io.camelonenet.dp.FloatGroupsMessage;
import io.camelonenet.dp.SimpleJsonMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data format in a plain CamelContext: marshal any type, unmarshal back, by header or option. */
class OneNetDpDataFormatTest {

    private final CamelContext camel = new DefaultCamelContext();
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:default").marshal().custom(OneNetDpDataFormat.NAME);
                from("direct:delimited").marshal(new OneNetDpDataFormat().type(5));
                from("direct:roundtrip").marshal().custom(OneNetDpDataFormat.NAME)
                        .unmarshal().custom(OneNetDpDataFormat.NAME);
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void should_marshal_type_1_by_default_from_a_map() {
        byte[] frame = template.requestBody("direct:default", Map.of("temperature", 22.5), byte[].class);

        assertThat(frame[0]).isEqualTo((byte) 1);
        assertThat(new String(frame, 3, frame.length - 3)).startsWith("{\"datastreams\":[{\"id\":\"temperature\"");
    }

    @Test
    void should_take_the_type_from_the_header() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("t", 1);
        values.put("s", "on");

        DpMessage message = template.requestBodyAndHeader("direct:roundtrip", values, "OneNetDpType", 3,
                DpMessage.class);

        assertThat(message).isEqualTo(new SimpleJsonMessage(values));
    }

    @Test
    void should_frame_a_file_as_type_2_with_the_stream_header(@TempDir Path tmp) throws Exception {
        byte[] image = {1, 2, 3, 4, 5, 6};
        Path file = Files.write(tmp.resolve("img.bin"), image);

        DpMessage message = template.requestBodyAndHeaders("direct:roundtrip", file.toFile(),
                Map.of("OneNetDpType", 2, "OneNetDpStream", "camera"), DpMessage.class);

        assertThat(message).isInstanceOfSatisfying(BinaryMessage.class, binary -> {
            assertThat(binary.streamId()).isEqualTo("camera");
            assertThat(binary.data().toBytes()).isEqualTo(image);
        });
    }

    @Test
    void should_turn_a_map_into_fields_with_the_configured_separators() {
        byte[] frame = template.requestBody("direct:delimited", Map.of("pm2.5", 89), byte[].class);

        assertThat(new String(frame, 3, frame.length - 3)).isEqualTo(",;pm2.5,89");
    }

    @Test
    void should_send_floats_per_numeric_stream_as_type_7() {
        DpMessage message = template.requestBodyAndHeader("direct:roundtrip", Map.of(3, List.of(1.5, 2.5)),
                "OneNetDpType", 7, DpMessage.class);

        assertThat(message).isInstanceOfSatisfying(FloatGroupsMessage.class, floats ->
                assertThat(floats.groups()).containsExactly(new FloatGroup(3, new float[] {1.5f, 2.5f})));
    }

    @Test
    void should_fail_the_exchange_with_a_clear_error_for_a_separator_inside_a_value() {
        assertThatThrownBy(() -> template.requestBody("direct:delimited", Map.of("t", "1;2")))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(DpFrameException.class)
                .hasRootCauseMessage("type 5 field 0 value '1;2' contains the separator ';'");
    }

    @Test
    void should_pass_a_message_object_through_unchanged() {
        DelimitedMessage message = new DelimitedMessage('#', '@', List.of(io.camelonenet.dp.DelimitedField.of("a", "1")));

        DpMessage decoded = template.requestBody("direct:roundtrip", message, DpMessage.class);

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.datapoints()).containsExactly(Datapoint.of("a", null, "1"));
    }
}
