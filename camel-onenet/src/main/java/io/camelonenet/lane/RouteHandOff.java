package io.camelonenet.lane;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultConsumer;

/** How a consumer that owns lanes hands one message's exchange to its route: the outcome once the route completed. */
public final class RouteHandOff {

    private RouteHandOff() {
    }

    /**
     * Processes {@code exchange} (created by {@code consumer} with auto-release) through the consumer's route,
     * asynchronously; {@code done} gets the exchange's failure, or null, after the exchange is released.
     */
    public static void process(DefaultConsumer consumer, Exchange exchange, LaneOwner.Completion done) {
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            consumer.releaseExchange(exchange, false);
            done.completed(failure);
        });
    }
}
