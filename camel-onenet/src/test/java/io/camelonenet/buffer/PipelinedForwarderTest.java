package io.camelonenet.buffer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder behind an asynchronous producer: a window of messages in flight, handed off in order, deleted only
 * as a leading run of completed ones, and nothing lost or skipped when one fails.
 */
class PipelinedForwarderTest {

    private static final int MESSAGES = 2_000;

    @TempDir
    Path dir;

    private final ScheduledExecutorService broker = Executors.newScheduledThreadPool(4);
    private final Random random = new Random(42);

    @AfterEach
    void stopBroker() {
        broker.shutdownNow();
    }

    @Test
    void should_keep_a_window_in_flight_hand_off_in_order_and_delete_everything_once_completed() throws Exception {
        List<String> handedOff = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AsyncProcessor outOfOrder = asyncProducer((exchange, callback) -> {
            handedOff.add(exchange.getMessage().getBody(String.class));
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // completions come back in any order, like a broker that is slow on some messages
            broker.schedule(() -> {
                inFlight.decrementAndGet();
                callback.done(false);
            }, random.nextInt(300), TimeUnit.MICROSECONDS);
        });
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1L << 30, FullPolicy.DROP_OLDEST);
             CamelContext camel = forwarding(buffer, outOfOrder, 16)) {
            fill(buffer);
            camel.start();

            await().atMost(30, TimeUnit.SECONDS).until(() -> buffer.count() == 0);

            assertThat(handedOff).hasSize(MESSAGES).containsExactlyElementsOf(expected(MESSAGES));
            assertThat(mostInFlight.get()).as("a window, not one at a time").isBetween(2, 16);
            assertThat(buffer.counters().acknowledged()).isEqualTo(MESSAGES);
            assertThat(buffer.counters().duplicates()).isZero();
        }
    }

    @Test
    void should_send_a_failed_message_again_before_any_later_one_and_lose_nothing() throws Exception {
        List<String> handedOff = new CopyOnWriteArrayList<>();
        AsyncProcessor failsOnce = failingOnceAtM700(handedOff);
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1L << 30, FullPolicy.DROP_OLDEST);
             CamelContext camel = forwarding(buffer, failsOnce, 16)) {
            fill(buffer);
            camel.start();

            await().atMost(30, TimeUnit.SECONDS).until(() -> buffer.count() == 0);

            assertThat(handedOff).containsAll(expected(MESSAGES));
            int failedAt = handedOff.indexOf("m700");
            int retriedAt = handedOff.lastIndexOf("m700");
            assertThat(retriedAt).as("m700 is sent again").isGreaterThan(failedAt);
            assertThat(handedOff.subList(0, failedAt)).as("everything before it went once, in order")
                    .containsExactlyElementsOf(expected(700));
            assertThat(handedOff.subList(retriedAt, handedOff.size()))
                    .as("after the failure the forwarder starts again from the failed message, in order")
                    .containsExactlyElementsOf(expected(MESSAGES).subList(700, MESSAGES));
            // what was in flight behind m700 went out once already: each is counted as a possible duplicate
            int sentTwice = retriedAt - failedAt;
            assertThat(buffer.counters().duplicates()).isEqualTo(sentTwice);
            assertThat(buffer.counters().acknowledged()).isEqualTo(MESSAGES);
        }
    }

    @Test
    void should_send_a_backlog_combined_and_delete_each_message_once_its_combined_one_completed() throws Exception {
        List<String> handedOff = new CopyOnWriteArrayList<>();
        AsyncProcessor failsOnce = failingOnceAtM700(handedOff);
        // up to 7 waiting messages as one "m1+m2+...", on another topic
        BacklogCombiner sevens = waiting -> {
            List<BufferedMessage> run = waiting.subList(0, Math.min(7, waiting.size()));
            return new BacklogCombiner.Combined(run.size(), "combined", String.join("+", run.stream()
                    .map(message -> new String(message.payload(), StandardCharsets.UTF_8)).toList())
                    .getBytes(StandardCharsets.UTF_8));
        };
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1L << 30, FullPolicy.DROP_OLDEST);
             CamelContext camel = forwarding(buffer, failsOnce, 16, sevens)) {
            fill(buffer);
            camel.start();

            await().atMost(30, TimeUnit.SECONDS).until(() -> buffer.count() == 0);

            assertThat(handedOff.size()).as("messages sent for %d stored", MESSAGES).isLessThan(MESSAGES / 5);
            List<String> parts = handedOff.stream().flatMap(body -> List.of(body.split("\\+")).stream()).toList();
            int failedAt = parts.indexOf("m700");
            int retriedAt = parts.lastIndexOf("m700");
            assertThat(retriedAt).as("the combined message that failed goes again").isGreaterThan(failedAt);
            assertThat(parts.subList(0, failedAt)).containsExactlyElementsOf(expected(MESSAGES).subList(0, failedAt));
            assertThat(parts.subList(retriedAt, parts.size())).as("after the failure, again in order from it")
                    .containsExactlyElementsOf(expected(MESSAGES).subList(700, MESSAGES));
            assertThat(buffer.counters().acknowledged()).isEqualTo(MESSAGES);
        }
    }

    /**
     * An asynchronous producer that records each body handed off and fails the first exchange carrying m700 (alone,
     * or combined as "m699+m700+...").
     */
    private AsyncProcessor failingOnceAtM700(List<String> handedOff) {
        AtomicBoolean failedOnce = new AtomicBoolean();
        return asyncProducer((exchange, callback) -> {
            String body = exchange.getMessage().getBody(String.class);
            handedOff.add(body);
            broker.schedule(() -> {
                if (List.of(body.split("\\+")).contains("m700") && failedOnce.compareAndSet(false, true)) {
                    exchange.setException(new IllegalStateException("connection lost (simulated)"));
                }
                callback.done(false);
            }, random.nextInt(300), TimeUnit.MICROSECONDS);
        });
    }

    private static void fill(UplinkBuffer buffer) {
        for (int i = 0; i < MESSAGES; i++) {
            buffer.append("$dp", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An asynchronous producer: {@code start} hands the exchange off and completes it later. */
    private static AsyncProcessor asyncProducer(java.util.function.BiConsumer<Exchange, AsyncCallback> start) {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                start.accept(exchange, callback);
                return false;
            }
        };
    }

    private static CamelContext forwarding(UplinkBuffer buffer, AsyncProcessor producer, int window) throws Exception {
        return forwarding(buffer, producer, window, null);
    }

    private static CamelContext forwarding(UplinkBuffer buffer, AsyncProcessor producer, int window,
                                           BacklogCombiner combiner) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("onenet-buffer", new BufferComponent(buffer));
        if (combiner != null) {
            camel.getRegistry().bind("combiner", combiner);
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhausted(false));
                from("onenet-buffer:uplink?window=" + window + (combiner != null ? "&combiner=#combiner" : ""))
                        .process(producer);
            }
        });
        return camel;
    }

    private static List<String> expected(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
    }
}
