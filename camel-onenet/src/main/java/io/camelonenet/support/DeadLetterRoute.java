package io.camelonenet.support;

import io.camelonenet.inbound.LogText;
import io.camelonenet.route.DeadLetters;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a component sends what will never be sent (a reading the platform refused, a Kafka record for no device). One
 * of three places, chosen when it is made: the dead-letter route of the bundled routes ({@code
 * routes/common/errors.camel.yaml}) or, where no such route runs, the dead-letter log; an endpoint the user named (the
 * {@code onenet:} component's {@code deadLetterUri}); or the dead-letter files as the app keeps them
 * ({@link DeadLetters#keep}). A letter that cannot go there is logged, escaped, so it is not lost silently.
 */
public final class DeadLetterRoute extends ServiceSupport {

    /** The bundled routes' dead-letter endpoint. */
    public static final String URI = "direct:onenet-dead-letter";
    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.dead-letter");

    private final CamelContext context;
    private final String failureRouteId;
    /** The endpoint to send to; {@code null} with {@link #files}. */
    private final String uri;
    /** Whether the endpoint is the bundled route's, used only while that route exists. */
    private final boolean bundled;
    private final DeadLetters files;
    private volatile ProducerTemplate template;

    private DeadLetterRoute(CamelContext context, String failureRouteId, String uri, boolean bundled,
                            DeadLetters files) {
        this.context = context;
        this.failureRouteId = failureRouteId;
        this.uri = uri;
        this.bundled = bundled;
        this.files = files;
    }

    /**
     * To the bundled routes' dead-letter route, else to the log.
     *
     * @param failureRouteId the route the letters are said to come from ({@code CamelFailureRouteId})
     */
    public DeadLetterRoute(CamelContext context, String failureRouteId) {
        this(context, failureRouteId, URI, true, null);
    }

    /** To the endpoint {@code uri}. */
    public static DeadLetterRoute to(CamelContext context, String failureRouteId, String uri) {
        return new DeadLetterRoute(context, failureRouteId, uri, false, null);
    }

    /** Into the dead-letter files. */
    public static DeadLetterRoute toFiles(CamelContext context, String failureRouteId, DeadLetters files) {
        return new DeadLetterRoute(context, failureRouteId, null, false, files);
    }

    /** Where the letters go, for a log line. */
    public String target() {
        return files != null ? files.directory().toString() : uri;
    }

    @Override
    protected void doStart() {
        if (uri != null) {
            template = context.createProducerTemplate();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    /**
     * Sends {@code body} with {@code headers} and the reason to the dead letters; where that is not possible, logs
     * {@code what} (escaped), the reason and the body.
     */
    public void send(Object body, Map<String, Object> headers, Exception why, String what) {
        Exception failure = null;
        try {
            if (files != null) {
                Exchange letter = new DefaultExchange(context);
                prepare(letter, body, headers, why);
                files.keep(letter);
                return;
            }
            ProducerTemplate producer = template;
            if (producer != null && (!bundled || context.hasEndpoint(uri) != null)) {
                Exchange sent = producer.send(uri, exchange -> prepare(exchange, body, headers, why));
                if (sent.getException() == null) {
                    return;
                }
                failure = sent.getException();
            }
        } catch (Exception e) {
            failure = e;
        }
        String reason = failure == null ? "" : " (and not kept: " + LogText.of(String.valueOf(failure.getMessage()))
                + ")";
        LOG.error("{} not sent: {}{}: {}", LogText.of(what), LogText.of(String.valueOf(why.getMessage())), reason,
                printable(body));
    }

    /** The body for a log line: text escaped, bytes as text when they are UTF-8, else their first bytes in hex. */
    private static String printable(Object body) {
        if (!(body instanceof byte[] bytes)) {
            return LogText.of(String.valueOf(body));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int shown = Math.min(bytes.length, LogText.MAX_CHARS / 2);
        return text.indexOf('\uFFFD') < 0 ? LogText.of(text)
                : HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "..." : "");
    }

    private void prepare(Exchange exchange, Object body, Map<String, Object> headers, Exception why) {
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeaders(new HashMap<>(headers));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, why);
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, failureRouteId);
    }
}
