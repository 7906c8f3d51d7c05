package io.camelonenet.buffer;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway's forwarder ({@code perDevice=true}): each device's messages in their own order, and a device that never
 * answers or always fails holds up nobody else.
 */
class DeviceLanesTest {

    private static final int PER_DEVICE = 200;

    @TempDir
    Path dir;

    @Test
    void a_stalled_or_failing_device_never_delays_the_others_and_each_keeps_its_order() throws Exception {
        Map<String, List<String>> delivered = new ConcurrentHashMap<>();
        List<AsyncCallback> stalled = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        AsyncProcessorSupport publisher = new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String device = exchange.getMessage().getHeader(OneNetHeaders.DEVICE_ID, String.class);
                switch (device) {
                    // a connection that takes messages and never acknowledges them
                    case "slow" -> {
                        if (released.get()) {
                            callback.done(false);
                        } else {
                            stalled.add(callback);
                        }
                    }
                    // a refused device: every publish fails
                    case "dead" -> {
                        exchange.setException(new IllegalStateException("refused"));
                        callback.done(false);
                    }
                    default -> {
                        delivered.computeIfAbsent(device, d -> new CopyOnWriteArrayList<>())
                                .add(exchange.getMessage().getBody(String.class));
                        callback.done(false);
                    }
                }
                return false;
            }
        };
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1L << 30, FullPolicy.DROP_OLDEST);
             CamelContext camel = new DefaultCamelContext()) {
            // interleaved, as a gateway's uplink stores them: slow and dead first in every round
            for (int i = 1; i <= PER_DEVICE; i++) {
                for (String device : List.of("slow", "dead", "a", "b")) {
                    buffer.append(device, "$dp", (device + "-" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            camel.addComponent("onenet-buffer", new BufferComponent(buffer));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhausted(false));
                    from("onenet-buffer:uplink?perDevice=true&window=8").process(publisher);
                }
            });
            camel.start();

            await().atMost(30, TimeUnit.SECONDS).until(() -> buffer.count("a") == 0 && buffer.count("b") == 0);

            for (String device : List.of("a", "b")) {
                assertThat(delivered.get(device)).as(device).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, PER_DEVICE).mapToObj(i -> device + "-" + i).toList());
                assertThat(buffer.counters(device).acknowledged()).isEqualTo(PER_DEVICE);
            }
            // the stalled device has its window out and waits; the refused one keeps everything
            assertThat(stalled).hasSize(8);
            assertThat(buffer.count("slow")).isEqualTo(PER_DEVICE);
            assertThat(buffer.count("dead")).isEqualTo(PER_DEVICE);
            // let the stalled device go, so that the context stops without waiting for its exchanges
            released.set(true);
            stalled.forEach(callback -> callback.done(false));
        }
    }
}
