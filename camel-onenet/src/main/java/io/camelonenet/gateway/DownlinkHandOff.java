package io.camelonenet.gateway;

import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.route.DownlinkQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;

import java.util.function.Consumer;

/**
 * A gateway's hand-off of the platform's requests to its downlink route, a seda queue that one worker takes in order:
 * each request is admitted within the downlink queue's bound ({@link DownlinkQueue}, count and parsed bytes) and gives
 * its room back when the route is done with it; past the bound it is refused at once, counted and logged once per
 * interval. Never waits, so the MQTT client's I/O thread that calls it keeps reading.
 */
public final class DownlinkHandOff extends ServiceSupport {

    private final CamelContext context;
    private final String uri;
    private final DownlinkQueue queue;
    private ProducerTemplate producer;
    private Endpoint endpoint;

    /** @param uri the downlink route's queue, e.g. {@code seda:onenet-gateway-commands} */
    public DownlinkHandOff(CamelContext context, String uri, DownlinkQueue queue) {
        this.context = context;
        this.uri = uri;
        this.queue = queue;
    }

    /**
     * Queues a request of {@code parsedSize} bytes for {@code deviceId}, {@code fill} setting its body and headers.
     *
     * @param what the request in a few words, for the refusal's log line (escaped by the caller)
     * @return whether it was queued; {@code false} when it was refused
     */
    public boolean send(String deviceId, long parsedSize, String what, Consumer<Message> fill) {
        InboundBudget.Ticket ticket = queue.budget().tryAdmit(parsedSize + DownlinkQueue.EXCHANGE_BYTES);
        if (ticket == null) {
            queue.refuse(deviceId, what);
            return false;
        }
        Exchange sent = producer.send(endpoint, ExchangePattern.InOnly, exchange -> {
            // handed over with the exchange to the copy the seda queue keeps: released when the route is done
            DownlinkQueue.releaseWhenDone(exchange, ticket);
            fill.accept(exchange.getMessage());
        });
        if (sent.getException() != null) {
            // not queued (the seda queue itself full, or stopping): the copy that held the release is gone
            ticket.release();
            queue.refuse(deviceId, what + " (" + sent.getException().getMessage() + ")");
            return false;
        }
        return true;
    }

    public DownlinkQueue queue() {
        return queue;
    }

    @Override
    protected void doStart() {
        producer = context.createProducerTemplate();
        endpoint = context.getEndpoint(uri);
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }
}
