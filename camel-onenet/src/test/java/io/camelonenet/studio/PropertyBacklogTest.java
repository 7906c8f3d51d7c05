package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.buffer.BacklogCombiner;
import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.JsonMappers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A thing-model device's waiting property posts combined into one thing/history/post of its own data. */
class PropertyBacklogTest {

    private final StudioTopics topics = new StudioTopics("pid", "dev");
    private final PropertyBacklog backlog = new PropertyBacklog(topics);
    private final DatapointPosts posts = new DatapointPosts("properties");

    @Test
    void waiting_posts_become_one_history_post_with_the_first_posts_id_in_order() throws Exception {
        List<BufferedMessage> waiting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            waiting.add(post(i, 10 + i, i * 1000L, "t", i));
        }

        BacklogCombiner.Combined combined = backlog.combine(waiting);

        assertThat(combined.count()).isEqualTo(3);
        assertThat(combined.topic()).isEqualTo("$sys/pid/dev/thing/history/post");
        JsonNode history = JsonMappers.plain().readTree(combined.payload());
        assertThat(history.get("id").asText()).isEqualTo("11");
        JsonNode entry = history.get("params").get(0);
        assertThat(entry.has("identity")).as("the device's own data").isFalse();
        assertThat(entry.get("properties").get("t").toString())
                .isEqualTo("[{\"value\":1,\"time\":1000},{\"value\":2,\"time\":2000},{\"value\":3,\"time\":3000}]");
        assertThat(DatapointPosts.requestId(combined.payload())).isEqualTo(11);
    }

    @Test
    void only_consecutive_property_posts_combine_and_one_alone_goes_as_stored() {
        BufferedMessage event = new BufferedMessage(3, topics.eventPost(), "{\"id\":\"13\",\"params\":{}}".getBytes(),
                0);
        List<BufferedMessage> waiting = List.of(post(1, 11, 1000, "t", 1), post(2, 12, 2000, "t", 2), event,
                post(4, 14, 4000, "t", 4));

        assertThat(backlog.combine(waiting).count()).as("up to the event").isEqualTo(2);
        assertThat(backlog.combine(List.of(event, post(4, 14, 4000, "t", 4)))).isNull();
        assertThat(backlog.combine(List.of(post(1, 11, 1000, "t", 1)))).isNull();
    }

    @Test
    void at_most_100_values_go_in_one_history_post() {
        List<BufferedMessage> waiting = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            waiting.add(post(i, i, i * 1000L, "a", i, "b", i));
        }

        assertThat(backlog.combine(waiting).count()).isEqualTo(50);
    }

    private BufferedMessage post(long bufferId, long requestId, long timeMillis, Object... nameValues) {
        List<Datapoint> points = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            points.add(new Datapoint((String) nameValues[i], Instant.ofEpochMilli(timeMillis), nameValues[i + 1]));
        }
        return new BufferedMessage(bufferId, topics.propertyPost(), posts.post(requestId, points), 0);
    }
}
