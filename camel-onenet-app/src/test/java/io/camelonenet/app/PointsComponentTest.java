package io.camelonenet.app;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.emulator.ModbusField;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The points file in a route of one's own: a camel-main host sets {@code camel.component.onenet-points.file} and
 * {@code state-file} and consumes {@code onenet-points:field}, as docs/field-devices.md shows.
 */
class PointsComponentTest {

    @TempDir
    Path dir;

    @Test
    void should_hand_a_route_each_due_reading_with_its_device_and_time() throws Exception {
        try (ModbusField meter = ModbusField.start()) {
            meter.holding(0, 42);
            Path points = Files.writeString(dir.resolve("points.yaml"), """
                    sources:
                      - name: meter
                        modbus-tcp: "%s"
                        poll: 100
                        device: "29455901"
                        points: [{name: energy, register: holding 0}]
                    """.formatted(meter.address()));
            Main main = new Main();
            // a host of its own: not the app's application.properties, which this module's class path carries
            main.setPropertyPlaceholderLocations("file:" + dir.resolve("application.properties") + ";optional=true");
            main.addOverrideProperty("camel.component.onenet-points.file", points.toString());
            main.addOverrideProperty("camel.component.onenet-points.state-file", dir.resolve("last.json").toString());
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("onenet-points:field").to("mock:readings");
                }
            });
            main.start();
            try {
                MockEndpoint readings = main.getCamelContext().getEndpoint("mock:readings", MockEndpoint.class);
                readings.expectedMinimumMessageCount(1);
                readings.assertIsSatisfied(30_000);
                var first = readings.getReceivedExchanges().get(0).getMessage();
                assertThat(first.getBody(Map.class)).isEqualTo(Map.of("energy", 42L));
                assertThat(first.getHeader(OneNetHeaders.DEVICE_ID)).isEqualTo("29455901");
                assertThat(first.getHeader(OneNetHeaders.FIELD_SOURCE)).isEqualTo("meter");
                assertThat(first.getHeader(OneNetHeaders.READING_TIME, Long.class)).isPositive();

                // reported once the exchange completed: unchanged, not handed on again; a change is
                readings.reset();
                meter.holding(0, 43);
                readings.expectedMessageCount(1);
                readings.assertIsSatisfied(30_000);
                assertThat(readings.getReceivedExchanges().get(0).getMessage().getBody(Map.class))
                        .isEqualTo(Map.of("energy", 43L));
            } finally {
                main.stop();
            }
            assertThat(Files.readString(dir.resolve("last.json"))).contains("\"energy\"").contains("43");
        }
    }
}
