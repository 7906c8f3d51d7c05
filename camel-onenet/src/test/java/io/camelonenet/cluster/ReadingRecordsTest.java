package io.camelonenet.cluster;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.JsonMappers;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A field reading written as a record of the readings topic reads back, with its time, as a collector's does. */
class ReadingRecordsTest {

    private static final long POLL = 1_765_000_000_123L;
    private final ReadingRecords records = new ReadingRecords();
    private final KafkaReadings readings = new KafkaReadings();

    @Test
    void should_write_a_legacy_reading_keyed_by_device_with_the_polls_time() throws Exception {
        Exchange exchange = exchange();
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, "29455901");

        byte[] value = records.legacy(Map.of("energy", 4711L), exchange);

        assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("29455901");
        long timestamp = exchange.getMessage().getHeader(KafkaConstants.OVERRIDE_TIMESTAMP, Long.class);
        assertThat(timestamp).isEqualTo(POLL);
        List<Map<String, Object>> points = readings.parse(value, timestamp);
        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point).containsEntry("id", "energy").containsEntry("value", 4711);
            assertThat(point.get("at")).isEqualTo(Instant.ofEpochMilli(POLL));
        });
        assertThatThrownBy(() -> records.legacy(Map.of("energy", 1L), exchange()))
                .hasMessage("a cluster's reading names its device (OneNetDeviceId)");
    }

    @Test
    void should_write_a_sub_devices_reading_keyed_by_the_gateway() throws Exception {
        records.setGateway("gwProduct/gateway-1");
        Exchange exchange = exchange();
        exchange.getMessage().setHeader(OneNetHeaders.PRODUCT_ID, "subProduct");
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_NAME, "meter-7");

        exchange.getMessage().setBody(Map.of("flow", 12.5));
        byte[] value = records.subDevice(exchange);

        assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("gwProduct/gateway-1");
        Exchange consumed = exchange();
        byte[] entry = readings.subDeviceReading(value, 0L, consumed);
        assertThat(consumed.getMessage().getHeader(OneNetHeaders.DEVICE_ID)).isEqualTo("subProduct/meter-7");
        Map<?, ?> stored = JsonMappers.plain().readValue(entry, LinkedHashMap.class);
        assertThat(stored.get("time")).isEqualTo(POLL);
        assertThat(stored.get("properties")).isEqualTo(Map.of("flow", 12.5));
    }

    @Test
    void should_write_a_sub_devices_event_and_read_it_back_as_an_entry_with_events() throws Exception {
        records.setGateway("gwProduct/gateway-1");
        Exchange exchange = exchange();
        exchange.getMessage().setHeader(OneNetHeaders.PRODUCT_ID, "subProduct");
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_NAME, "meter-7");
        exchange.getMessage().setHeader(OneNetHeaders.EVENT, "leak");
        exchange.getMessage().setBody(Map.of("litres", 3));

        byte[] entry = readings.subDeviceReading(records.subDevice(exchange), 0L, exchange());

        Map<?, ?> stored = JsonMappers.plain().readValue(entry, LinkedHashMap.class);
        assertThat(stored.get("events")).isEqualTo(Map.of("leak", Map.of("litres", 3)));
        assertThat(stored.containsKey("properties")).isFalse();
        exchange.getMessage().setHeader(OneNetHeaders.EVENT, "a leak");
        assertThatThrownBy(() -> records.subDevice(exchange)).hasMessageStartingWith("an event needs an identifier");
    }

    private static Exchange exchange() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(OneNetHeaders.READING_TIME, POLL);
        return exchange;
    }
}
