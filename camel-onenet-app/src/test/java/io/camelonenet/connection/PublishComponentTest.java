package io.camelonenet.connection;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The asynchronous producer behind the uplink buffer's forwarder, against a real broker. */
class PublishComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void should_deliver_a_backlog_in_order_through_the_window() throws Exception {
        // below the embedded broker's queue of 1,000 per subscriber, which drops beyond it when the subscriber lags
        int messages = 900;
        int port = FreePort.onLoopback();
        try (OneNetEmulator broker = broker(port);
             Received received = new Received(port);
             SqliteUplinkBuffer buffer = bufferHolding(messages)) {
            DeviceConnection device = new DeviceConnection(settings(port));
            try (CamelContext camel = forwarder(device, buffer)) {
                camel.start();
                await().atMost(WAIT).until(() -> buffer.count() == 0);
                await().atMost(WAIT).until(() -> received.bodies.size() >= messages);
            }
            assertThat(received.bodies).containsExactlyElementsOf(
                    IntStream.range(0, messages).mapToObj(i -> "m" + i).toList());
            assertThat(buffer.counters().duplicates()).isZero();
        }
    }

    @Test
    void should_never_publish_faster_than_the_configured_rate() throws Exception {
        int messages = 250;
        double rate = 100;
        int port = FreePort.onLoopback();
        try (OneNetEmulator broker = broker(port);
             Received received = new Received(port);
             SqliteUplinkBuffer buffer = bufferHolding(messages)) {
            DeviceConnection device = new DeviceConnection(settings(port).withMaxPublishRate(rate));
            try (CamelContext camel = forwarder(device, buffer)) {
                camel.start();
                await().atMost(WAIT).until(() -> received.bodies.size() >= messages);
            }
            // 249 intervals of 10 ms: 2.49 s at the rate; without the limit the backlog goes in some tens of ms. Only
            // a lower bound, 20% below it: a subscriber behind a broker in this JVM on a busy machine can receive the
            // first message late, which shortens the span (the pace itself, a burst after idling among it, is
            // PacerTest's, on a clock the test moves)
            List<Long> at = received.arrivalNanos;
            assertThat(at.get(at.size() - 1) - at.get(0)).as("all %d arrivals", at.size())
                    .isGreaterThanOrEqualTo((long) (0.8 * (messages - 1) / rate * 1e9));
        }
    }

    @Test
    void should_fail_at_once_and_say_nothing_was_sent_while_disconnected() throws Exception {
        DeviceConnection device = new DeviceConnection(settings(FreePort.onLoopback()));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("device", device);
            camel.start();
            Exchange exchange = camel.createProducerTemplate().send("onenet-publish:up/data?connection=#device",
                    e -> e.getMessage().setBody("m"));

            assertThat(exchange.getException()).isInstanceOf(DeviceNotConnectedException.class)
                    .isInstanceOf(NothingSent.class);
        } finally {
            device.close();
        }
    }

    private static CamelContext forwarder(DeviceConnection device, SqliteUplinkBuffer buffer) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("device", device);
        camel.addService(device);
        camel.addComponent("onenet-buffer", new BufferComponent(buffer));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("onenet-buffer:uplink").to("onenet-publish:up/data?connection=#device&qos=1");
            }
        });
        return camel;
    }

    /** A buffer holding m0, m1, ... for up/data, as an outage would have left it. */
    private SqliteUplinkBuffer bufferHolding(int messages) {
        SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1L << 30, FullPolicy.DROP_OLDEST);
        for (int i = 0; i < messages; i++) {
            buffer.append("up/data", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return buffer;
    }

    /** A plain broker (no OneNET topic rules) that knows the device and the test's subscriber. */
    private static OneNetEmulator broker(int port) {
        return OneNetEmulator.builder().plainBroker().port(port).device("device-1", "product-1", "k")
                .device("subscriber", "product-1", "k").build().start();
    }

    private static ConnectionSettings settings(int port) {
        return ConnectionSettings.of("tcp://127.0.0.1:" + port, "device-1", "product-1", PasswordSource.fixed("k"));
    }
}
