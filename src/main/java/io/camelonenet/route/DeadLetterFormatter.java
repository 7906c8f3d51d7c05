package io.camelonenet.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Base64;

/**
 * Writes a failed exchange as one JSON document for the dead-letter folder, so nothing is lost and a person can see
 * why: the time, the route, the error and the body as it was when it failed (text as text, bytes as base64, other
 * objects as JSON where Jackson can write them).
 */
public class DeadLetterFormatter {

    private final ObjectMapper mapper = new ObjectMapper();

    public String format(Exchange exchange) {
        ObjectNode record = mapper.createObjectNode();
        record.put("failedAt", Instant.now().toString());
        record.put("routeId", exchange.getFromRouteId());
        record.put("exchangeId", exchange.getExchangeId());
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        if (error != null) {
            record.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        Object body = exchange.getMessage().getBody();
        if (body instanceof byte[] bytes) {
            record.put("bodyBase64", Base64.getEncoder().encodeToString(bytes));
        } else if (body instanceof String text) {
            record.put("body", text);
        } else if (body != null) {
            try {
                record.set("body", mapper.valueToTree(body));
            } catch (IllegalArgumentException notJson) {
                record.put("body", body.toString());
            }
        }
        return record.toString();
    }
}
