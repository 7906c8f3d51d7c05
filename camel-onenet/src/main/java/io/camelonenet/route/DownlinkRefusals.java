package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of downlink messages the routes refuse (routes/common/errors.camel.yaml): each kind logged once per
 * interval with a count of the others, so that a flood of bad or surplus messages cannot flood the log; what the
 * message carried is escaped ({@link LogText}). The counters count every one.
 */
public class DownlinkRefusals {

    private static final Logger LOG = LoggerFactory.getLogger("onenet-downlink");

    private final RepeatedWarning ignored = new RepeatedWarning(LOG);
    private final RepeatedWarning rejected = new RepeatedWarning(LOG);

    /** A message that is not a request the device can take (odd topic, empty, too large, a hostile id). */
    public void ignored(Exchange exchange) {
        Exception why = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ignored.warn(() -> "Ignored downlink message: " + LogText.of(why == null ? "no reason given"
                : why.getMessage(), 400));
    }

    /** A message the route's hand-off queue refused: not answered, so the platform may send it again. */
    public void rejected(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(OneNetHeaders.MQTT_TOPIC, String.class);
        rejected.warn(() -> "Refused " + LogText.of(topic) + ": the downlink's hand-off queue is full; not answered,"
                + " so the platform may send it again");
    }
}
