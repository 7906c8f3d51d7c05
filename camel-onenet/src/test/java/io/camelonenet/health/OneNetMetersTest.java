package io.camelonenet.health;

import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.connection.PasswordSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters read the app's counters and buffer for as long as those live, whatever becomes of the binder: Micrometer
 * refers weakly to what a meter reads, and a binder nothing else keeps is collected (found in CI: the published
 * counter went NaN after a garbage collection).
 */
class OneNetMetersTest {

    @TempDir
    Path dir;

    @Test
    void should_keep_counting_after_the_binder_is_collected() {
        DeviceCounters counters = new DeviceCounters();
        DeviceConnection connection = new DeviceConnection(ConnectionSettings.of("tcp://127.0.0.1:1", "metered-1",
                "p", PasswordSource.fixed("s")));
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            WeakReference<OneNetMeters> binder = bind(registry, connection, buffer, counters);
            await().until(() -> {
                System.gc();
                return binder.get() == null;
            });

            counters.published();
            counters.published();
            buffer.append("$dp", new byte[] {1});

            assertThat(registry.get("onenet.readings.published").tag("device", "metered-1").functionCounter()
                    .count()).isEqualTo(2);
            assertThat(registry.get("onenet.buffer.depth").gauge().value()).isEqualTo(1);
            assertThat(registry.get("onenet.device.connected").gauge().value()).isZero();
        } finally {
            connection.close();
        }
    }

    /** Binds and lets go of the binder, as the app does once its registries have the meters. */
    private static WeakReference<OneNetMeters> bind(SimpleMeterRegistry registry, DeviceConnection connection,
                                                    SqliteUplinkBuffer buffer, DeviceCounters counters) {
        OneNetMeters binder = new OneNetMeters(connection, buffer, counters, new InboundBudget(1 << 20, 10));
        binder.bindTo(registry);
        return new WeakReference<>(binder);
    }
}
