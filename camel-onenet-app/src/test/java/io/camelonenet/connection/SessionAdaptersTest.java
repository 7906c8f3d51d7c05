package io.camelonenet.connection;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The same session on both MQTT clients a device's session runs on, Paho (one device) and HiveMQ (a legacy
 * gateway's devices), against a real broker: the rate and the order, the QoS carried, a refused login, a broker
 * restart, a session the platform drops, an oversized packet.
 */
class SessionAdaptersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A device's session on one of the two clients, as the producer sees it. */
    enum Adapter {
        PAHO {
            @Override
            Session open(ConnectionSettings settings) {
                DeviceConnection connection = new DeviceConnection(settings);
                List<String> received = new CopyOnWriteArrayList<>();
                connection.onMessage((topic, payload) -> received.add(new String(payload, StandardCharsets.UTF_8)));
                // OneNET pushes commands without one; the plain broker needs it
                connection.subscribe("$creq/+", 1);
                connection.start();
                return new Session(connection::isConnected, connection::lastError, (topic, payload, qos, done) ->
                        connection.publishAsync(topic, payload, qos, false, done), received, connection::close);
            }
        },
        HIVEMQ {
            @Override
            Session open(ConnectionSettings settings) {
                List<String> received = new CopyOnWriteArrayList<>();
                GatewayConnections gateway = new GatewayConnections(settings, 50, new GatewayListener() {
                    @Override
                    public void stateChanged(String deviceId, ConnectionState state) {
                    }

                    @Override
                    public void messageArrived(String deviceId, String topic, byte[] payload) {
                        received.add(new String(payload, StandardCharsets.UTF_8));
                    }
                });
                gateway.open(new GatewayDevice(DEVICE, PRODUCT, new String(settings.password().password())));
                return new Session(() -> gateway.isConnected(DEVICE),
                        () -> gateway.status().stream().map(GatewayConnections.DeviceStatus::lastError)
                                .filter(java.util.Objects::nonNull).findFirst().orElse(null),
                        (topic, payload, qos, done) -> gateway.publishAsync(DEVICE, topic, payload, qos, done),
                        received, gateway::close);
            }
        };

        abstract Session open(ConnectionSettings settings);
    }

    record Session(java.util.function.BooleanSupplier connected, java.util.function.Supplier<String> lastError,
                   Publisher publisher, List<String> received, AutoCloseable closer)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    @FunctionalInterface
    interface Publisher {
        void publish(String topic, byte[] payload, int qos, java.util.function.Consumer<Throwable> done)
                throws Exception;
    }

    static final String DEVICE = "device-1";
    static final String PRODUCT = "product-1";
    static final String SECRET = "k";

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_keep_to_the_rate_and_the_order(Adapter adapter) throws Exception {
        int messages = 41;
        double rate = 20;
        int port = FreePort.onLoopback();
        try (OneNetEmulator broker = broker(port);
             Received received = new Received(port);
             Session session = adapter.open(settings(port).withMaxPublishRate(rate))) {
            await().atMost(WAIT).until(session.connected()::getAsBoolean);
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                session.publisher().publish("up/data", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, failure -> {
                    if (failure != null) {
                        failed.set(failure);
                    }
                    acknowledged.incrementAndGet();
                });
            }
            await().atMost(WAIT).until(() -> acknowledged.get() == messages);
            long tookNanos = System.nanoTime() - started;

            assertThat(failed.get()).isNull();
            await().atMost(WAIT).until(() -> received.bodies.size() == messages);
            assertThat(received.bodies).containsExactlyElementsOf(
                    IntStream.range(0, messages).mapToObj(i -> "m" + i).toList());
            // 40 intervals of 50 ms: 2 s at the rate. Only a lower bound, with room for a clock's coarseness; without
            // the limit the 41 take some milliseconds
            assertThat(tookNanos).as("41 publishes at 20 a second").isGreaterThan(1_800_000_000L);
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_carry_qos_2_only_where_the_session_does(Adapter adapter) throws Exception {
        int port = FreePort.onLoopback();
        try (OneNetEmulator broker = broker(port);
             Session session = adapter.open(settings(port))) {
            await().atMost(WAIT).until(session.connected()::getAsBoolean);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicInteger done = new AtomicInteger();

            if (adapter == Adapter.HIVEMQ) {
                assertThatThrownBy(() -> session.publisher().publish("up/data", new byte[] {1}, 2, failure -> { }))
                        .isInstanceOf(PublishRefusedException.class).isInstanceOf(NothingSent.class)
                        .hasMessage("not published to up/data: QoS 2 is not carried: a gateway's connections carry "
                                + "QoS 0 and 1");
            } else {
                // the legacy endpoint takes QoS 2, and Paho carries it
                session.publisher().publish("up/data", new byte[] {1}, 2, failure -> {
                    outcome.set(failure);
                    done.incrementAndGet();
                });
                await().atMost(WAIT).until(() -> done.get() == 1);
                assertThat(outcome.get()).isNull();
            }
            assertThatThrownBy(() -> session.publisher().publish("up/data", new byte[] {1}, 3, failure -> { }))
                    .isInstanceOf(PublishRefusedException.class).hasMessageContaining("QoS 3 is not carried");
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_explain_a_refused_login_in_onenets_terms_and_keep_trying(Adapter adapter) throws Exception {
        int port = FreePort.onLoopback();
        ConnectionSettings wrongSecret = ConnectionSettings.of("tcp://127.0.0.1:" + port, DEVICE, PRODUCT,
                PasswordSource.fixed("not-the-secret"));
        try (OneNetEmulator broker = broker(port);
             Session session = adapter.open(wrongSecret)) {
            await().atMost(WAIT).until(() -> session.lastError().get() != null);

            assertThat(session.lastError().get()).startsWith("CONNACK 4, bad user name or password");
            assertThat(session.connected().getAsBoolean()).isFalse();
            assertThatThrownBy(() -> session.publisher().publish("up/data", new byte[] {1}, 1, failure -> { }))
                    .isInstanceOf(DeviceNotConnectedException.class).isInstanceOf(NothingSent.class);
            // and it keeps trying: the broker saw more than one attempt
            await().atMost(WAIT).until(() -> broker.record().refusedLogins(DEVICE) >= 2);
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_log_in_again_after_the_broker_restarts_and_publish(Adapter adapter) throws Exception {
        int port = FreePort.onLoopback();
        OneNetEmulator first = broker(port);
        try (Session session = adapter.open(settings(port).withMaxReconnectDelay(Duration.ofSeconds(2)))) {
            await().atMost(WAIT).until(session.connected()::getAsBoolean);
            first.close();
            await().atMost(WAIT).until(() -> !session.connected().getAsBoolean());
            try (OneNetEmulator second = broker(port);
                 Received received = new Received(port)) {
                await().atMost(WAIT).until(session.connected()::getAsBoolean);
                AtomicReference<Throwable> outcome = new AtomicReference<>(new AssertionError("not completed"));
                session.publisher().publish("up/data", "after".getBytes(StandardCharsets.UTF_8), 1, outcome::set);

                await().atMost(WAIT).until(() -> outcome.get() == null);
                await().atMost(WAIT).until(() -> received.bodies.contains("after"));
                assertThat(second.record().logins(DEVICE)).hasSize(1);
            }
        } finally {
            first.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_log_in_again_when_the_platform_drops_the_session(Adapter adapter) throws Exception {
        int port = FreePort.onLoopback();
        try (OneNetEmulator broker = broker(port);
             Received received = new Received(port);
             Session session = adapter.open(settings(port).withMaxReconnectDelay(Duration.ofSeconds(2)))) {
            await().atMost(WAIT).until(session.connected()::getAsBoolean);
            // as OneNET does when the device logs in elsewhere or breaks a rule
            assertThat(broker.kick(DEVICE)).isTrue();

            await().atMost(WAIT).until(() -> broker.record().logins(DEVICE).size() == 2
                    && session.connected().getAsBoolean());
            AtomicReference<Throwable> outcome = new AtomicReference<>(new AssertionError("not completed"));
            session.publisher().publish("up/data", "after".getBytes(StandardCharsets.UTF_8), 1, outcome::set);
            await().atMost(WAIT).until(() -> outcome.get() == null && received.bodies.contains("after"));
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void should_never_deliver_a_packet_over_the_inbound_limit_and_stay_usable(Adapter adapter) throws Exception {
        int port = FreePort.onLoopback();
        int limit = 4_096;
        try (OneNetEmulator broker = broker(port);
             Session session = adapter.open(settings(port).withMaxInboundBytes(limit)
                     .withMaxReconnectDelay(Duration.ofSeconds(2)))) {
            await().atMost(WAIT).until(session.connected()::getAsBoolean);
            broker.pushOnTopic(DEVICE, "$creq/big", "x".repeat(16 * limit).getBytes(StandardCharsets.UTF_8));

            // both close the connection once the fixed header shows the size, before the packet is read, and log in
            // again
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (session.connected().getAsBoolean() && broker.connected(DEVICE)) {
                    broker.pushOnTopic(DEVICE, "$creq/small", "small".getBytes(StandardCharsets.UTF_8));
                }
                return session.received().contains("small");
            });
            assertThat(session.received()).allMatch(body -> body.length() <= limit);
            assertThat(broker.record().logins(DEVICE)).as("logged in again after the oversized packet").hasSize(2);
        }
    }

    private static OneNetEmulator broker(int port) {
        return OneNetEmulator.builder().plainBroker().port(port).device(DEVICE, PRODUCT, SECRET)
                .device("subscriber", PRODUCT, SECRET).build().start();
    }

    private static ConnectionSettings settings(int port) {
        return ConnectionSettings.of("tcp://127.0.0.1:" + port, DEVICE, PRODUCT, PasswordSource.fixed(SECRET));
    }
}
