package io.camelonenet.route;

import io.camelonenet.datapoint.ReadingTime;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.studio.ReadingValues;
import io.camelonenet.studio.SubDevice;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A current-platform gateway's readings on their way into the buffer: {@link #address} names the sub-device in the
 * headers ({@code OneNetProductId}, {@code OneNetDeviceName}, and {@code OneNetDeviceId} = {@code pid/name}, its key
 * in the buffer), {@link #entry} turns the sensor's map of property identifier to value into the stored entry
 * {@code {"time":ms,"properties":{...}}}, or an event's value into {@code {"time":ms,"events":{...}}}. The gateway packs entries into pack/post or history/post when it sends them.
 */
public class SubDeviceReadings {

    /** Sets the sub-device headers from a key {@code pid/name} (the body of the uplink's split). */
    public void address(String key, Exchange exchange) {
        SubDevice device = SubDevice.ofKey(key);
        Message message = exchange.getMessage();
        message.setHeader(OneNetHeaders.PRODUCT_ID, device.productId());
        message.setHeader(OneNetHeaders.DEVICE_NAME, device.deviceName());
        message.setHeader(OneNetHeaders.DEVICE_ID, key);
    }

    /**
     * The stored entry of a reading, {@code {"time":ms,"properties":{...}}}, at the time it was taken; with
     * {@value OneNetHeaders#EVENT} set, the body is that event's value instead: {@code {"time":ms,"events":{id:value}}}.
     */
    public byte[] entry(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String productId = message.getHeader(OneNetHeaders.PRODUCT_ID, String.class);
        String deviceName = message.getHeader(OneNetHeaders.DEVICE_NAME, String.class);
        if (productId != null && deviceName != null) {
            message.setHeader(OneNetHeaders.DEVICE_ID, new SubDevice(productId, deviceName).key());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", ReadingTime.of(exchange).toEpochMilli());
        entry.putAll(ReadingValues.of(message.getHeader(OneNetHeaders.EVENT, String.class), message.getBody()));
        return JsonMappers.plain().writeValueAsBytes(entry);
    }
}
