package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.buffer.BacklogCombiner;
import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.datapoint.JsonMappers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thing-model device's backlog by {@code thing/history/post} (docs/protocol-notes.md, OneJSON): when more than one
 * of its property posts waits (after an outage), the oldest go out as one history post of the device's own data (no
 * identity), each property a series of timed values within {@link PackBatches}' limits, instead of one post a
 * reading. Only consecutive property posts whose values share one time combine; anything else goes as stored. The
 * history post keeps the first post's request id, so its reply completes the exchange as the post's would.
 */
public final class PropertyBacklog implements BacklogCombiner {

    private final String propertyPost;
    private final String historyPost;

    public PropertyBacklog(StudioTopics topics) {
        this.propertyPost = topics.propertyPost();
        this.historyPost = topics.historyPost();
    }

    @Override
    public Combined combine(List<BufferedMessage> waiting) {
        List<PackBatches.Reading> readings = new ArrayList<>();
        String requestId = null;
        for (BufferedMessage message : waiting) {
            JsonNode post = propertyPost(message);
            PackBatches.Reading reading = post == null ? null : reading(message.id(), post);
            if (reading == null) {
                break;
            }
            if (requestId == null) {
                requestId = post.path("id").asText();
            }
            readings.add(reading);
        }
        if (readings.size() < 2) {
            return null;
        }
        PackBatches.Batch batch = PackBatches.next(requestId, List.of(readings));
        return batch.readings() < 2 ? null : new Combined(batch.readings(), historyPost, batch.payload());
    }

    /** The stored message as a property post, or null if it is something else. */
    private JsonNode propertyPost(BufferedMessage message) {
        if (!propertyPost.equals(message.topic())) {
            return null;
        }
        try {
            JsonNode post = JsonMappers.fast().readTree(message.payload());
            return post != null && post.path("params").isObject() && RequestIds.valid(post.path("id").asText(null))
                    ? post : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** A post's values as one reading, or null when they have no time or several (history needs one). */
    private static PackBatches.Reading reading(long bufferId, JsonNode post) {
        Map<String, Object> values = new LinkedHashMap<>();
        long time = -1;
        for (Map.Entry<String, JsonNode> property : post.path("params").properties()) {
            JsonNode at = property.getValue().get("time");
            if (at == null || !at.canConvertToLong() || time != -1 && at.asLong() != time) {
                return null;
            }
            time = at.asLong();
            values.put(property.getKey(), JsonMappers.plain().convertValue(property.getValue().get("value"),
                    Object.class));
        }
        return values.isEmpty() ? null : new PackBatches.Reading(bufferId, null, values, time);
    }
}
