package io.camelonenet.field;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.buffer.BufferFullException;
import io.camelonenet.buffer.BufferUnavailableException;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands each reading of the points file's sources to the route, on the source's poll thread, and returns once the
 * route completed it: the route's outcome decides whether the values count as reported.
 */
final class PointsConsumer extends DefaultConsumer implements ReadingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PointsConsumer.class);

    private final FieldSources sources;
    private final RepeatedWarning failures = new RepeatedWarning(LOG);

    PointsConsumer(PointsEndpoint endpoint, Processor processor, FieldSources sources) {
        super(endpoint, processor);
        this.sources = sources;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (sources == null) {
            // checked only now: a route that stays stopped without a points file (the bundled one) still builds
            // its consumer
            throw new IllegalStateException("onenet-points has no points file: set the component's file option (or"
                    + " its sources bean)");
        }
        sources.attach(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (sources != null) {
            sources.detach();
        }
        super.doStop();
    }

    @Override
    public boolean deliver(FieldSource source, Map<String, Object> values, long time) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(new LinkedHashMap<>(values));
        message.setHeader(OneNetHeaders.READING_TIME, time);
        message.setHeader(OneNetHeaders.FIELD_SOURCE, source.name());
        SourceDevice device = source.device();
        if (device.subDevice()) {
            message.setHeader(OneNetHeaders.PRODUCT_ID, device.productId());
            message.setHeader(OneNetHeaders.DEVICE_NAME, device.deviceName());
            message.setHeader(OneNetHeaders.DEVICE_ID, device.key());
        } else if (!device.own()) {
            message.setHeader(OneNetHeaders.DEVICE_ID, device.deviceId());
        }
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean completed = exchange.getException() == null && !refusedByBuffer(exchange);
        if (!completed) {
            Throwable why = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            // a broker or disk that is away fails every poll: one line per interval, not a stack trace per poll
            failures.warn(() -> "A reading of field source " + source.name() + " was not taken ("
                    + LogText.of(why == null ? "no reason given" : why.getClass().getSimpleName() + ": "
                    + why.getMessage()) + "); its values are reported again at the next poll");
        }
        releaseExchange(exchange, false);
        return completed;
    }

    /**
     * A buffer that is full (refuse-new) or cannot write: the bundled routes log it and go on, but the values were not
     * stored, so they stay unreported and the next poll reports them. Bad data that went to the dead letters counts
     * as reported: it is kept there, and reading it again would not make it better.
     */
    private static boolean refusedByBuffer(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught instanceof BufferFullException || caught instanceof BufferUnavailableException;
    }
}
