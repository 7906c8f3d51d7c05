package io.camelonenet.examples.modbus;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The example's YAML route, in its own camel-main, reading a real Modbus slave and uploading to the emulator. */
class BoilerRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void should_send_what_the_modbus_device_holds_to_onenet() throws Exception {
        try (ModbusField boiler = ModbusField.start();
             OneNetEmulator onenet = OneNetEmulator.builder().device("boiler-1", "boilers", "boiler-secret")
                     .commandPeriod(Duration.ZERO).build().start()) {
            boiler.holding(0, -215).holding(1, 1013);
            Main main = new Main();
            main.addOverrideProperty("camel.component.onenet.broker-url", onenet.brokerUrl());
            main.addOverrideProperty("camel.component.onenet.product-id", "boilers");
            main.addOverrideProperty("boiler.auth-info", "boiler-secret");
            main.addOverrideProperty("camel.component.onenet.buffer-dir", workDir.resolve("buffer").toString());
            main.addOverrideProperty("boiler.device-id", "boiler-1");
            main.addOverrideProperty("boiler.address", boiler.address());
            main.addOverrideProperty("boiler.period", "200");
            main.start();
            try {
                await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 2);
                List<Datapoint> points = onenet.record().uploads().get(0).datapoints();
                assertThat(points).extracting(Datapoint::streamId, point -> ((Number) point.value()).intValue())
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("temperature", -215),
                                org.assertj.core.groups.Tuple.tuple("pressure", 1013));

                boiler.holding(1, 1020);
                await().atMost(WAIT).until(() -> onenet.record().uploads().stream()
                        .flatMap(upload -> upload.datapoints().stream())
                        .anyMatch(point -> point.streamId().equals("pressure")
                                && ((Number) point.value()).intValue() == 1020));
            } finally {
                main.stop();
            }
        }
    }
}
