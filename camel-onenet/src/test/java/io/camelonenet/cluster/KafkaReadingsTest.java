package io.camelonenet.cluster;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.InvalidDatapointException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A current-platform gateway's reading as written to the cluster's Kafka topic. */
class KafkaReadingsTest {

    private final CamelContext context = new DefaultCamelContext();
    private final KafkaReadings readings = new KafkaReadings();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void a_sub_devices_reading_names_it_in_the_headers_and_takes_the_records_time() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, "gw/gateway-1");

        byte[] entry = readings.subDeviceReading(bytes("{\"productID\":\"p\",\"deviceName\":\"d1\","
                + "\"properties\":{\"temperature\":21.5}}"), 1700000000000L, exchange);

        assertThat(new String(entry, StandardCharsets.UTF_8))
                .isEqualTo("{\"time\":1700000000000,\"properties\":{\"temperature\":21.5}}");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID)).isEqualTo("p/d1");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.PRODUCT_ID)).isEqualTo("p");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.DEVICE_NAME)).isEqualTo("d1");
    }

    @Test
    void its_own_time_wins_and_without_a_sub_device_it_is_the_gateways_own() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, "gw/gateway-1");

        byte[] entry = readings.subDeviceReading(bytes("{\"time\":42,\"properties\":{\"uptime\":7}}"), 99L,
                exchange);

        assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo("{\"time\":42,\"properties\":{\"uptime\":7}}");
        assertThat(exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID)).isEqualTo("");
    }

    @Test
    void what_cannot_be_sent_is_refused_with_the_reason() {
        Exchange exchange = new DefaultExchange(context);
        assertThatThrownBy(() -> readings.subDeviceReading(bytes("{\"productID\":\"p\",\"deviceName\":\"d\"}"), 1L,
                exchange)).isInstanceOf(InvalidDatapointException.class).hasMessageContaining("no \"properties\"");
        assertThatThrownBy(() -> readings.subDeviceReading(bytes("{\"productID\":\"p\",\"properties\":{\"a\":1}}"),
                1L, exchange)).hasMessageContaining("only one of productID and deviceName");
        assertThatThrownBy(() -> readings.subDeviceReading(bytes("{\"time\":\"noon\",\"properties\":{\"a\":1}}"),
                1L, exchange)).hasMessageContaining("not epoch milliseconds");
        assertThatThrownBy(() -> readings.subDeviceReading(bytes("[1]"), 1L, exchange))
                .hasMessageContaining("a JSON array");
        assertThatThrownBy(() -> readings.subDeviceReading(new byte[KafkaReadings.MAX_BYTES + 1], 1L, exchange))
                .hasMessageContaining("more than " + KafkaReadings.MAX_BYTES);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
