package io.camelonenet.app;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.PostedDatapoints;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thing-model device's backlog goes out by thing/history/post (up to 100 values a message) at the platform's
 * 1 message a second, the default rate for a thing-model product; live readings then go as property posts.
 */
class StudioBacklogTest {

    private static final int BACKLOG = 500;

    @TempDir
    Path workDir;

    @Test
    void should_send_a_backlog_by_history_post_in_order_within_the_default_rate() throws Exception {
        int port = FreePort.onLoopback();
        Map<String, String> properties = StudioRoutesTest.thingModelDevice(null, workDir);
        properties.put("onenet.broker-url", "tcp://127.0.0.1:" + port);
        // the simulator reads once at the start; the readings of this test carry n
        properties.put("onenet.uplink.period", "3600000");
        properties.put("onenet.reconnect.max-delay", "1000");

        try (RunningApp app = RunningApp.start(properties, context -> { })) {
            UplinkBuffer buffer = app.context().getRegistry().lookupByNameAndType("uplinkBuffer", UplinkBuffer.class);
            ProducerTemplate readings = app.context().createProducerTemplate();
            for (int n = 1; n <= BACKLOG; n++) {
                readings.sendBody("direct:onenet-reading", Map.of("n", n, "level", n / 2.0));
            }
            assertThat(buffer.count()).isGreaterThanOrEqualTo(BACKLOG);

            try (OneNetEmulator onenet = OneNetEmulator.builder().port(port)
                    .studioDevice(StudioRoutesTest.PRODUCT, StudioRoutesTest.DEVICE, StudioRoutesTest.KEY)
                    .thingUplinkRate(1).build().start()) {
                await().atMost(Duration.ofSeconds(120)).until(() -> ns(onenet).size() >= BACKLOG);

                assertThat(ns(onenet)).as("every reading once, in order")
                        .isEqualTo(LongStream.rangeClosed(1, BACKLOG).boxed().toList());
                List<PostedDatapoints> posts = onenet.record().posts();
                assertThat(posts).allMatch(PostedDatapoints::accepted);
                // 2 values a reading, 100 values a message: 50 readings a history post, not one post a reading
                assertThat(posts).as("messages for %d readings", BACKLOG).hasSizeLessThanOrEqualTo(BACKLOG / 50 + 6);
                assertThat(posts.stream().filter(post -> post.datapoints().size() == 100)).hasSizeGreaterThanOrEqualTo(5);
                assertThat(onenet.record().violations()).as("the platform's limits and rate").isEmpty();

                readings.sendBody("direct:onenet-reading", Map.of("n", BACKLOG + 1, "level", 0.5));
                await().atMost(Duration.ofSeconds(20)).until(() -> ns(onenet).size() > BACKLOG);
                PostedDatapoints live = onenet.record().posts().get(onenet.record().posts().size() - 1);
                assertThat(live.datapoints()).as("a live reading: one property post")
                        .extracting(Datapoint::streamId).containsExactlyInAnyOrder("n", "level");
                // the buffer deletes a reading once the platform's PUBACK is back, after the platform has it
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(buffer.count()).isZero());
            }
        }
    }

    /** The n of every value the platform accepted, in the order it received them. */
    private static List<Long> ns(OneNetEmulator onenet) {
        return onenet.record().posts().stream().filter(PostedDatapoints::accepted)
                .flatMap(post -> post.datapoints().stream()).filter(point -> point.streamId().equals("n"))
                .map(point -> Long.parseLong(point.value().toString())).toList();
    }
}
