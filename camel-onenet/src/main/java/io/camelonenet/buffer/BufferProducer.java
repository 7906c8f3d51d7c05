package io.camelonenet.buffer;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores the body durably; the exchange completes once it is on disk. Asynchronous, so that a source that does not
 * wait for its exchanges (a timer) offers the next reading while this one's sync is under way, and both share the
 * next one; what follows the buffer in a route runs on the buffer's writer thread.
 */
final class BufferProducer extends DefaultAsyncProducer {

    private static final int PENDING = 0;
    private static final int RETURNED = 1;
    private static final int DONE_FIRST = 2;

    private final BufferEndpoint endpoint;

    BufferProducer(BufferEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String topic = exchange.getMessage().getHeader(OneNetHeaders.TOPIC, endpoint.getTopic(), String.class);
        byte[] payload;
        try {
            if (topic == null || topic.isEmpty()) {
                throw new IllegalArgumentException("no topic: set the endpoint's topic option or the "
                        + OneNetHeaders.TOPIC + " header");
            }
            payload = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange,
                    exchange.getMessage().getBody());
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        String device = exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID, String.class);
        // the outcome may come before this method returns (a buffer that stores at once): then it completes here
        AtomicInteger state = new AtomicInteger(PENDING);
        endpoint.buffer().appendThen(device == null ? UplinkBuffer.SINGLE_DEVICE : device, topic, payload,
                (id, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure);
                    } else {
                        if (device != null) {
                            // bounded by the number of devices; read only by a per-device forwarder
                            endpoint.appendedDevices().add(device);
                        }
                        endpoint.appended().ring();
                    }
                    if (!state.compareAndSet(PENDING, DONE_FIRST)) {
                        callback.done(false);
                    }
                });
        if (state.compareAndSet(PENDING, RETURNED)) {
            return false;
        }
        callback.done(true);
        return true;
    }
}
