package io.camelonenet.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.inbound.LogText;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the downlink routes do with field points: a command or property set that names writable points writes them
 * and answers with the outcome; a property get answers the points' last values. Without a points file (no sources)
 * every method leaves the exchange as the routes had it.
 *
 * <ul>
 *   <li>Legacy command: a JSON object of point name to value, {@code {"setpoint": 22.5}}. The reply is {@code ok}, or
 *       {@code error: } and why. A command that names no point is not a write: the reply is {@code ok}, as
 *       before.</li>
 *   <li>Current platform property set: the params name the properties; those that are points are written, and a
 *       refused write answers {@value #REFUSED}, a failed one {@value #FAILED}, with the reason as message.</li>
 * </ul>
 */
public class PointRequests {

    /** The answer's code to a write refused here: not a point, not writable, a value the type cannot hold. */
    public static final int REFUSED = 400;
    /** The answer's code to a write the field device failed or could not be reached for. */
    public static final int FAILED = 500;

    private FieldSources sources;

    public void setSources(FieldSources sources) {
        this.sources = sources;
    }

    /** A legacy command's reply: {@code ok}, or {@code error: ...} when it named points and a write failed. */
    public String commandReply(Exchange exchange) {
        if (sources == null) {
            return "ok";
        }
        Message message = exchange.getMessage();
        String device = message.getHeader(OneNetHeaders.DEVICE_ID, String.class);
        Map<String, Object> writes = pointsNamed(message.getBody(byte[].class), device);
        if (writes.isEmpty()) {
            return "ok";
        }
        List<String> problems = write(device, writes).problems();
        return problems.isEmpty() ? "ok" : "error: " + String.join("; ", problems);
    }

    /** A property set: writes the properties that are points; a problem sets the answer's code and message. */
    public void propertySet(Exchange exchange) {
        Message message = exchange.getMessage();
        if (sources == null || !(message.getBody() instanceof Map<?, ?> params)) {
            return;
        }
        String device = message.getHeader(OneNetHeaders.DEVICE_ID, String.class);
        Map<String, Object> writes = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (sources.sourceOf(device, String.valueOf(name)) != null) {
                writes.put(String.valueOf(name), value);
            }
        });
        Outcome outcome = write(device, writes);
        if (!outcome.problems().isEmpty()) {
            message.setHeader(OneNetHeaders.REPLY_CODE, outcome.refused() ? REFUSED : FAILED);
            message.setHeader(OneNetHeaders.REPLY_MESSAGE, String.join("; ", outcome.problems()));
        }
    }

    /** A property get: the last values read of the points asked for (those that are points). */
    public Map<String, Object> propertyGet(Exchange exchange) {
        Message message = exchange.getMessage();
        String device = message.getHeader(OneNetHeaders.DEVICE_ID, String.class);
        Map<String, Object> values = new LinkedHashMap<>();
        if (sources == null || !(message.getBody() instanceof Iterable<?> names)) {
            return values;
        }
        for (Object name : names) {
            FieldSource source = sources.sourceOf(device, String.valueOf(name));
            SourceStatus status = source == null ? null : sources.status(source.name());
            Object value = status == null ? null : status.point(String.valueOf(name)).lastValue();
            if (value != null) {
                values.put(String.valueOf(name), value);
            }
        }
        return values;
    }

    /** The problems of the writes, escaped, and whether one was refused here (rather than failed at the device). */
    private record Outcome(List<String> problems, boolean refused) {
    }

    /** Every point is checked first: a request naming one that cannot be written writes none of them. */
    private Outcome write(String device, Map<String, Object> writes) {
        List<String> problems = new ArrayList<>();
        for (String name : writes.keySet()) {
            String problem = sources.writeProblem(device, name);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(problems, true);
        }
        boolean refused = false;
        for (Map.Entry<String, Object> write : writes.entrySet()) {
            try {
                sources.write(device, write.getKey(), write.getValue());
            } catch (FieldWriteException e) {
                refused |= e.refused();
                problems.add(LogText.of(e.getMessage()));
            }
        }
        return new Outcome(problems, refused);
    }

    /**
     * The writes a command asks for: a JSON object whose keys include a point of the device. Keys that are not
     * points are then refused by {@link FieldSources#write}, so the answer names them; a command that is not such an
     * object names nothing.
     */
    private Map<String, Object> pointsNamed(byte[] command, String device) {
        Map<String, Object> writes = new LinkedHashMap<>();
        JsonNode json;
        try {
            json = command == null || command.length == 0 || command[0] != '{' ? null
                    : JsonMappers.plain().readTree(command);
        } catch (IOException notJson) {
            return writes;
        }
        if (json == null || !json.isObject()) {
            return writes;
        }
        boolean namesPoint = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            writes.put(field.getKey(), value.isBoolean() ? (Object) value.asBoolean()
                    : value.isNumber() ? value.numberValue() : value.asText());
            namesPoint |= sources.sourceOf(device, field.getKey()) != null;
        }
        return namesPoint ? writes : Map.of();
    }
}
