package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.ThingMessages;
import io.camelonenet.studio.ThingRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.List;
import java.util.Map;

/**
 * Adapts the OneJSON thing model ({@link ThingMessages}) to exchanges. {@link #accept} parses a request into the body
 * (the {@code params}: a map, or for a get the list of names) and headers; the route then does what the device does
 * and may set {@value OneNetHeaders#REPLY_CODE} (default 200) and {@value OneNetHeaders#REPLY_MESSAGE};
 * {@link #reply} turns the exchange into the reply for the {@code _reply} topic, the body at that time (a map)
 * becoming its {@code data} for a get or an invoke. {@link #postEvent} makes an event post.
 */
public class ThingModel {

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
     * Turns a map of event identifier to value into an event post and registers its id, so
     * {@link StudioDatapoints#confirm} can wait for the platform's {@code event/post/reply} after the publish.
     */
    public void postEvent(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!(message.getBody() instanceof Map<?, ?> events) || events.isEmpty()) {
            throw new InvalidCommandException("an event post needs a map of event identifier to value");
        }
        long id = replies.register();
        message.setBody(ThingMessages.eventPost(id, events, exchange.getClock().getCreated()));
        message.setHeader(OneNetHeaders.REQUEST_ID, id);
        message.setHeader(OneNetHeaders.PUBLISH_TOPIC, eventTopic);
    }

    public void accept(Exchange exchange) {
        Message message = exchange.getMessage();
        ThingRequest request;
        try {
            request = ThingMessages.parse(message.getHeader(OneNetHeaders.MQTT_TOPIC, String.class),
                    message.getBody(byte[].class));
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException(e.getMessage());
        }
        message.setHeader(OneNetHeaders.THING_REQUEST, request.kind());
        message.setHeader(OneNetHeaders.THING_REQUEST_ID, request.id());
        message.setHeader(OneNetHeaders.REPLY_TOPIC, request.replyTopic());
        if (request.service() != null) {
            message.setHeader(OneNetHeaders.SERVICE, request.service());
        }
        if (request.kind().equals("get")) {
            message.setHeader(OneNetHeaders.REQUESTED_PROPERTIES, request.names());
            message.setBody(request.names());
        } else {
            message.setBody(request.params());
        }
    }

    public void reply(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<?, ?> data = message.getBody() instanceof Map<?, ?> map ? map : null;
        message.setBody(ThingMessages.reply(message.getHeader(OneNetHeaders.THING_REQUEST_ID, String.class),
                message.getHeader(OneNetHeaders.THING_REQUEST, String.class),
                message.getHeader(OneNetHeaders.REPLY_CODE, 200, Integer.class),
                message.getHeader(OneNetHeaders.REPLY_MESSAGE, "success", String.class), data,
                message.getHeader(OneNetHeaders.REQUESTED_PROPERTIES, List.class)));
    }
}
