package io.camelonenet.cluster;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.studio.ReadingValues;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.datapoint.ReadingTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reading as a record of the cluster's readings topic, in the form {@link KafkaReadings} reads back, for an
 * instance that reads field devices itself (a points file): the record's key and time are set as the
 * {@code kafka.KEY} and {@code kafka.OVERRIDE_TIMESTAMP} headers of camel-kafka's producer.
 * <ul>
 *   <li>legacy: keyed by the device id, the value a JSON object of datastream id to value, the record's time the
 *       reading's;</li>
 *   <li>current platform: keyed by the gateway ({@link #setGateway}), the value
 *       {@code {"productID","deviceName","properties","time"}} (an event: {@code "events"} instead of
 *       {@code "properties"}).</li>
 * </ul>
 */
public class ReadingRecords {

    private String gateway;

    /** The current platform's gateway, {@code productId/deviceName}: the key of every sub-device's record. */
    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    public byte[] legacy(Map<String, Object> values, Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String device = message.getHeader(OneNetHeaders.DEVICE_ID, String.class);
        if (device == null || device.isEmpty()) {
            throw new IllegalArgumentException("a cluster's reading names its device (OneNetDeviceId)");
        }
        message.setHeader(KafkaConstants.KEY, device);
        message.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, ReadingTime.of(exchange).toEpochMilli());
        return JsonMappers.plain().writeValueAsBytes(values);
    }

    /** A sub-device's reading, or with {@value OneNetHeaders#EVENT} set its event (the body is the event's value). */
    public byte[] subDevice(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        long time = ReadingTime.of(exchange).toEpochMilli();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("productID", message.getHeader(OneNetHeaders.PRODUCT_ID, String.class));
        record.put("deviceName", message.getHeader(OneNetHeaders.DEVICE_NAME, String.class));
        record.putAll(ReadingValues.of(message.getHeader(OneNetHeaders.EVENT, String.class), message.getBody()));
        record.put("time", time);
        message.setHeader(KafkaConstants.KEY, gateway);
        message.setHeader(KafkaConstants.OVERRIDE_TIMESTAMP, time);
        return JsonMappers.plain().writeValueAsBytes(record);
    }
}
