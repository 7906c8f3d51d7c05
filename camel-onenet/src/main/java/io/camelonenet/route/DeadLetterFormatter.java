package io.camelonenet.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Base64;

/**
 * Writes a failed exchange as one JSON document for the dead-letter folder, so nothing is lost and a person can see
 * why: the time, the route, the error and the body as it was when it failed (text and UTF-8 bytes as text, other
 * bytes as base64, other objects as JSON where Jackson can write them).
 */
public class DeadLetterFormatter {


    public String format(Exchange exchange) {
        ObjectNode record = JsonMappers.plain().createObjectNode();
        record.put("failedAt", Instant.now().toString());
        // the route that failed (set by the error handler, or by whoever hands a dead letter over), else the first
        record.put("routeId", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class));
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
            String text = utf8(bytes);
            if (text != null) {
                record.put("body", text);
            } else {
                record.put("bodyBase64", Base64.getEncoder().encodeToString(bytes));
            }
        } else if (body instanceof String text) {
            record.put("body", text);
        } else if (body != null) {
            try {
                record.set("body", JsonMappers.plain().valueToTree(body));
            } catch (IllegalArgumentException notJson) {
                record.put("body", body.toString());
            }
        }
        return record.toString();
    }

    /** The bytes as text when they are valid UTF-8 without control characters (JSON, a command), else null. */
    private static String utf8(byte[] bytes) {
        try {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t') ? null : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
