package io.camelonenet.support;

import io.camelonenet.inbound.LogText;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Where a component sends what will never be sent (a reading the platform refused, a Kafka record for no device): the
 * dead-letter route of the bundled routes ({@code routes/common/errors.camel.yaml}: a JSON file each under
 * {@code onenet.dead-letter.dir}, and a log line), or the dead-letter log where no such route runs (an application
 * embedding the components without those routes).
 */
public final class DeadLetterRoute extends ServiceSupport {

    /** The bundled routes' dead-letter endpoint. */
    public static final String URI = "direct:onenet-dead-letter";
    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.dead-letter");

    private final CamelContext context;
    private final String failureRouteId;
    private volatile ProducerTemplate template;

    /** @param failureRouteId the route the letters are said to come from ({@code CamelFailureRouteId}) */
    public DeadLetterRoute(CamelContext context, String failureRouteId) {
        this.context = context;
        this.failureRouteId = failureRouteId;
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
    }

    @Override
    protected void doStop() throws Exception {
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    /**
     * Sends {@code body} with {@code headers} and the reason to the dead-letter route; where that is not possible,
     * logs {@code what} (escaped), the reason and the body.
     */
    public void send(Object body, Map<String, Object> headers, Exception why, String what) {
        ProducerTemplate producer = template;
        if (producer != null && context.hasEndpoint(URI) != null) {
            Exchange sent = producer.send(URI, exchange -> {
                exchange.getMessage().setBody(body);
                exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, why);
                exchange.setProperty(Exchange.FAILURE_ROUTE_ID, failureRouteId);
            });
            if (sent.getException() == null) {
                return;
            }
        }
        LOG.error("{} not sent: {}: {}", LogText.of(what), LogText.of(String.valueOf(why.getMessage())),
                LogText.of(String.valueOf(body)));
    }
}
