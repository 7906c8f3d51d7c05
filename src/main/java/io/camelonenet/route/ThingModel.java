package io.camelonenet.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.studio.StudioTopics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's OneJSON requests to the device (property set, property get, service invoke) and the device's answers
 * (onenet-protocol.md §6). {@link #accept} parses a request into the body (the {@code params}: a map, or for a get the
 * list of names) and headers; the route then does what the device does and may set {@value #CODE} (default 200) and
 * {@value #MESSAGE}; {@link #reply} builds {@code {"id":..,"code":..,"msg":..,"data":..}} for the {@code _reply} topic.
 * For a get or an invoke the body at reply time (a map) becomes {@code data}, a get's filtered to the names asked for.
 */
public class ThingModel {

    public static final String CODE = "OneNetReplyCode";
    public static final String MESSAGE = "OneNetReplyMessage";
    /** {@code set}, {@code get} or {@code invoke}. */
    public static final String REQUEST = "OneNetThingRequest";
    /** The service identifier of an invoke. */
    public static final String SERVICE = "OneNetService";
    static final String REQUEST_ID = "OneNetThingRequestId";
    static final String NAMES = "OneNetRequestedProperties";

    /** Where {@link #postEvent} wants its request published (set it as the paho override topic). */
    public static final String PUBLISH_TOPIC = "OneNetPublishTopic";

    private PlatformReplies replies;
    private String eventTopic;

    public void setReplies(PlatformReplies replies) {
        this.replies = replies;
    }

    /** {@code $sys/{pid}/{device}/thing/event/post}. */
    public void setEventTopic(String eventTopic) {
        this.eventTopic = eventTopic;
    }

    /**
     * Turns a map of event identifier to value into a OneJSON event post
     * ({@code {"id":"n","version":"1.0","params":{"overheat":{"value":{..},"time":ms}}}}) and registers its id, so
     * {@link StudioDatapoints#confirm} can wait for the platform's {@code event/post/reply} after the publish.
     */
    public void postEvent(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!(message.getBody() instanceof Map<?, ?> events) || events.isEmpty()) {
            throw new InvalidCommandException("an event post needs a map of event identifier to value");
        }
        long id = replies.register();
        ObjectNode post = JsonMappers.plain().createObjectNode();
        post.put("id", Long.toString(id));
        post.put("version", "1.0");
        ObjectNode params = post.putObject("params");
        long time = exchange.getClock().getCreated();
        events.forEach((identifier, value) -> {
            ObjectNode event = params.putObject(String.valueOf(identifier));
            event.set("value", JsonMappers.plain().valueToTree(value));
            event.put("time", time);
        });
        message.setBody(post.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message.setHeader(StudioDatapoints.REQUEST_ID, id);
        message.setHeader(PUBLISH_TOPIC, eventTopic);
    }

    public void accept(Exchange exchange) {
        Message message = exchange.getMessage();
        String topic = message.getHeader(CommandAcceptor.TOPIC_HEADER, String.class);
        JsonNode request;
        try {
            request = JsonMappers.plain().readTree(message.getBody(byte[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCommandException("thing-model request on " + topic + " is not JSON");
        }
        if (request == null || !request.hasNonNull("id")) {
            throw new InvalidCommandException("thing-model request on " + topic + " has no id");
        }
        String kind = topic.endsWith("/thing/property/set") ? "set" : topic.endsWith("/thing/property/get") ? "get"
                : topic.endsWith("/invoke") ? "invoke" : null;
        if (kind == null) {
            throw new InvalidCommandException("topic " + topic + " is not a thing-model request");
        }
        JsonNode params = request.path("params");
        message.setHeader(REQUEST, kind);
        message.setHeader(REQUEST_ID, request.get("id").asText());
        message.setHeader(OneNetHeaders.REPLY_TOPIC, StudioTopics.thingReplyTopic(topic));
        if (kind.equals("invoke")) {
            String[] levels = topic.split("/");
            message.setHeader(SERVICE, levels[levels.length - 2]);
        }
        if (kind.equals("get")) {
            List<String> names = new ArrayList<>();
            params.forEach(name -> names.add(name.asText()));
            message.setHeader(NAMES, names);
            message.setBody(names);
        } else {
            message.setBody(JsonMappers.plain().convertValue(params, Map.class));
        }
    }

    public void reply(Exchange exchange) {
        Message message = exchange.getMessage();
        ObjectNode reply = JsonMappers.plain().createObjectNode();
        reply.put("id", message.getHeader(REQUEST_ID, String.class));
        reply.put("code", message.getHeader(CODE, 200, Integer.class));
        reply.put("msg", message.getHeader(MESSAGE, "success", String.class));
        String kind = message.getHeader(REQUEST, String.class);
        Object body = message.getBody();
        if (!"set".equals(kind) && body instanceof Map<?, ?> data) {
            Map<Object, Object> selected = new LinkedHashMap<>(data);
            List<?> names = message.getHeader(NAMES, List.class);
            if ("get".equals(kind) && names != null) {
                selected.keySet().retainAll(names);
            }
            reply.set("data", JsonMappers.plain().valueToTree(selected));
        }
        message.setBody(reply.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
