package io.camelonenet.field;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A device that keeps sending the same registers is not decided on value by value, yet nothing is lost by it: a
 * reading the route failed is reported again, and a heartbeat still falls due.
 */
class SourcePollerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void should_report_again_after_a_failed_delivery_and_on_heartbeat_while_the_device_holds_the_same_value() {
        FieldPoint level = new FieldPoint("level", RegisterTable.HOLDING, 0, null, PointType.INT16, WordOrder.BIG, 1,
                0, ReportMode.ON_CHANGE, 0, 300, false);
        FieldSource source = new FieldSource("tank", new FieldLink.ModbusTcp("h", 502), 1, 10, 1000,
                SourceDevice.OWN, List.of(level));
        AtomicInteger polls = new AtomicInteger();
        FieldReader sameValue = new FieldReader() {
            @Override
            public PollResult read() {
                // the same registers every time: unchanged from the second poll on
                return new PollResult(System.currentTimeMillis(), 0, Map.of("level", 7L), Map.of(),
                        polls.incrementAndGet() > 1);
            }

            @Override
            public void write(FieldPoint point, Object value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        List<Long> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        ReadingHandler route = (from, values, time) -> {
            if (attempts.incrementAndGet() == 1) {
                return false;
            }
            delivered.add(time);
            return true;
        };
        SourceStatus status = new SourceStatus(source);
        SourcePoller poller = new SourcePoller(source, sameValue, status, LastReported.inMemory(), route, scheduler);
        poller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= 2);
        poller.stop();

        assertThat(attempts.get()).as("the failed reading tried again").isGreaterThanOrEqualTo(3);
        assertThat(delivered.get(1) - delivered.get(0)).as("the second report is the heartbeat")
                .isGreaterThanOrEqualTo(300);
        assertThat(status.point("level").suppressed()).as("unchanged polls held back").isPositive();
    }
}
