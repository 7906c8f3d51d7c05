package io.camelonenet.buffer;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Stores the body durably; the exchange completes once it is on disk. */
final class BufferProducer extends DefaultProducer {

    private final BufferEndpoint endpoint;

    BufferProducer(BufferEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String topic = exchange.getMessage().getHeader(OneNetHeaders.TOPIC, endpoint.getTopic(), String.class);
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("no topic: set the endpoint's topic option or the "
                    + OneNetHeaders.TOPIC + " header");
        }
        byte[] payload = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange,
                exchange.getMessage().getBody());
        String device = exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID, String.class);
        if (device == null) {
            endpoint.buffer().append(topic, payload);
        } else {
            endpoint.buffer().append(device, topic, payload);
            // bounded by the number of devices; read only by a per-device forwarder
            endpoint.appendedDevices().add(device);
        }
        endpoint.appended().ring();
    }
}
