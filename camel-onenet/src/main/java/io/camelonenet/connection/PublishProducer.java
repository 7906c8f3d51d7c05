package io.camelonenet.connection;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

import java.util.function.Consumer;

/**
 * Hands the body to the connection and returns; the exchange continues when the broker acknowledged it (QoS 1) or it
 * was written (QoS 0), on the connection's completion thread, or fails with what went wrong.
 */
final class PublishProducer extends DefaultAsyncProducer {

    private final PublishEndpoint endpoint;

    PublishProducer(PublishEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            String topic = exchange.getMessage().getHeader(OneNetHeaders.TOPIC, endpoint.getTopic(),
                    String.class);
            byte[] payload = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange,
                    exchange.getMessage().getBody());
            Consumer<Throwable> done = failure -> {
                if (failure != null) {
                    exchange.setException(failure);
                }
                callback.done(false);
            };
            if (endpoint.getGateway() != null) {
                String device = exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID, String.class);
                if (device == null) {
                    throw new PublishRefusedException(topic, "a gateway's message names no device: set the "
                            + OneNetHeaders.DEVICE_ID + " header");
                }
                endpoint.getGateway().publishAsync(device, topic, payload, endpoint.getQos(), done);
            } else if (exchange.getMessage().getHeader(OneNetHeaders.ANSWER_DEADLINE) != null) {
                // an answer to the platform: queued, sent only while the platform still waits for it
                endpoint.getConnection().answerAsync(topic, payload, endpoint.getQos(),
                        exchange.getMessage().getHeader(OneNetHeaders.ANSWER_DEADLINE, Long.class), done);
            } else {
                endpoint.getConnection().publishAsync(topic, payload, endpoint.getQos(), endpoint.isRetained(), done);
            }
            return false;
        } catch (Exception refusedOrOffline) {
            exchange.setException(refusedOrOffline);
            callback.done(true);
            return true;
        }
    }
}
