package io.camelonenet.cluster;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.buffer.BufferedMessage;
import io.camelonenet.buffer.IdRange;
import io.camelonenet.datapoint.InvalidDatapointException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster gateway's outbox: an exchange completes only when its reading's batch was accepted, or fails. */
class AwaitedReadingsTest {

    private static final String A = "p/a";
    private static final String B = "p/b";

    private final CamelContext context = new DefaultCamelContext();
    private final AwaitedReadings readings = listing(A, B);

    private static AwaitedReadings listing(String... keys) {
        AwaitedReadings readings = new AwaitedReadings();
        readings.listedBy(java.util.List.of(keys)::contains);
        return readings;
    }
    /** The exchanges whose callback ran, in that order. */
    private final List<Exchange> completed = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void a_reading_waits_until_its_batch_is_acknowledged_and_completes_in_order() {
        readings.open();
        Exchange a1 = offer(A, "a1");
        Exchange a2 = offer(A, "a2");
        Exchange b1 = offer(B, "b1");

        assertThat(completed).isEmpty();
        assertThat(readings.devicesWaiting()).containsExactly(A, B);
        List<BufferedMessage> next = readings.next(A, 10);
        assertThat(next).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8)).containsExactly("a1", "a2");
        assertThat(readings.count()).isEqualTo(3);

        readings.acknowledge(Map.of(A, next.get(0).id()));

        assertThat(completed).containsExactly(a1);
        assertThat(a1.getException()).isNull();
        assertThat(readings.next(A, 10)).hasSize(1);
        readings.acknowledge(Map.of(A, next.get(1).id(), B, readings.next(B, 1).get(0).id()));
        // each key's in order; between keys no order is promised
        assertThat(completed).containsExactlyInAnyOrder(a1, a2, b1).startsWith(a1);
        assertThat(readings.count()).isZero();
        assertThat(readings.devicesWaiting()).isEmpty();
    }

    @Test
    void a_sub_device_not_in_the_file_fails_at_once() {
        readings.open();
        Exchange stranger = offer("p/stranger", "x");

        assertThat(completed).containsExactly(stranger);
        assertThat(stranger.getException()).isInstanceOf(InvalidDatapointException.class)
                .hasMessage("sub-device p/stranger is not in the devices file");
        assertThat(readings.count()).isZero();
    }

    @Test
    void the_gateways_own_readings_have_the_empty_key() {
        readings.open();
        offer(null, "own");

        assertThat(readings.devicesWaiting()).containsExactly("");
    }

    @Test
    void before_the_gateway_is_owned_a_reading_fails_as_nothing_sent() {
        Exchange early = offer(A, "a1");

        assertThat(early.getException()).isInstanceOf(AwaitedReadings.HandedOverException.class)
                .isInstanceOf(io.camelonenet.connection.NothingSent.class);
    }

    @Test
    void a_hand_over_fails_what_was_not_sent_and_the_batch_on_its_way_completes_either_way() {
        readings.open();
        Exchange a1 = offer(A, "a1");
        Exchange a2 = offer(A, "a2");
        Exchange b1 = offer(B, "b1");
        long first = readings.next(A, 1).get(0).id();
        readings.attempting(Map.of(A, new IdRange(first, first)));

        readings.handOver();

        assertThat(completed).containsExactlyInAnyOrder(a2, b1);
        assertThat(a2.getException()).isInstanceOf(AwaitedReadings.HandedOverException.class);
        assertThat(readings.count()).isEqualTo(1);
        // the batch on its way got no answer: it fails too, and stays in Kafka for the next owner
        readings.notSent(Map.of(A, new IdRange(first, first)));
        assertThat(completed).hasSize(3).endsWith(a1);
        assertThat(a1.getException()).isInstanceOf(AwaitedReadings.HandedOverException.class);
        assertThat(readings.count()).isZero();
        // and nothing is taken any more, nor sent: a batch read before the hand-over is refused before it goes
        assertThat(offer(A, "a3").getException()).isInstanceOf(AwaitedReadings.HandedOverException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readings.attempting(Map.of(A, new IdRange(first,
                first)))).isInstanceOf(AwaitedReadings.HandedOverException.class);
    }

    @Test
    void a_batch_not_answered_while_owned_goes_again() {
        readings.open();
        offer(A, "a1");
        long id = readings.next(A, 1).get(0).id();
        readings.attempting(Map.of(A, new IdRange(id, id)));

        readings.notSent(Map.of(A, new IdRange(id, id)));

        assertThat(completed).isEmpty();
        assertThat(readings.next(A, 1)).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(id);
            assertThat(message.attempts()).as("a possible duplicate").isEqualTo(1);
        });
    }

    private Exchange offer(String key, String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, key);
        }
        readings.process(exchange, doneSync -> completed.add(exchange));
        return exchange;
    }
}
