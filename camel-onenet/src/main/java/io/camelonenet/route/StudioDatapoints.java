package io.camelonenet.route;

import io.camelonenet.datapoint.ReadingTime;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointBodies;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.studio.DatapointPosts;
import io.camelonenet.studio.PlatformRejectedException;
import io.camelonenet.studio.PlatformReplies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.time.Duration;
import java.util.List;

/**
 * Adapts the current platform's uplink ({@link DatapointPosts}, {@link PlatformReplies}) to exchanges:
 * {@link #request} turns the body (the same maps and lists as the legacy uplink) into a post with a new id; just
 * before the publish {@link #expect} starts waiting for the answer to that id, and after it {@link #confirm} waits for
 * the answer: accepted completes the exchange, rejected or no answer within {@link #setReplyTimeout(long)
 * replyTimeout} fails it with {@link PlatformRejectedException}.
 */
public class StudioDatapoints {

    private PlatformReplies replies;
    private Duration replyTimeout = Duration.ofSeconds(10);
    private DatapointPosts posts = new DatapointPosts("datapoints");

    public void setReplies(PlatformReplies replies) {
        this.replies = replies;
    }

    public void setReplyTimeout(long millis) {
        this.replyTimeout = Duration.ofMillis(millis);
    }

    /**
     * {@code datapoints} (default): a data-stream product's {@code dp/post/json}; {@code properties}: a thing-model
     * product's OneJSON {@code thing/property/post}.
     */
    public void setKind(String kind) {
        this.posts = new DatapointPosts(kind);
    }

    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        List<Datapoint> points = DatapointBodies.toDatapoints(message.getBody(),
                ReadingTime.of(exchange), new OneNetTime(OneNetTime.DEFAULT_ZONE));
        long id = replies.nextId();
        message.setBody(posts.post(id, points));
        message.setHeader(OneNetHeaders.REQUEST_ID, id);
        message.setHeader(OneNetHeaders.DATAPOINT_COUNT, points.size());
    }

    /** Before the publish: read the request id back from the stored post and start waiting for its answer. */
    public void expect(Exchange exchange) {
        long id = DatapointPosts.requestId(exchange.getMessage().getBody(byte[].class));
        replies.expect(id);
        exchange.getMessage().setHeader(OneNetHeaders.REQUEST_ID, id);
    }

    /** After the publish: wait for the answer; rejected or none in time fails the exchange. */
    public void confirm(Exchange exchange) {
        Long id = exchange.getMessage().getHeader(OneNetHeaders.REQUEST_ID, Long.class);
        if (id == null) {
            throw new IllegalStateException("no " + OneNetHeaders.REQUEST_ID + " header: call expect before publishing");
        }
        replies.await(id, replyTimeout, "post");
    }
}
