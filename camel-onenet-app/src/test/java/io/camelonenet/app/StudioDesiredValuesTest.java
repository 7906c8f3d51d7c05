package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.DesiredValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Desired values through the bundled routes: set on the platform while the device is offline, fetched after its
 * login, applied by the property-set route (here a write to a real Modbus slave), reported with a property post and
 * deleted with the version applied, after a restart and after a reconnect; one the route refuses stays on the platform.
 */
class StudioDesiredValuesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEVICE = StudioRoutesTest.DEVICE;

    @TempDir
    Path workDir;

    @Test
    void should_apply_values_set_while_offline_after_each_login_and_leave_a_refused_one_in_place() throws Exception {
        try (ModbusField boiler = ModbusField.start();
             OneNetEmulator onenet = OneNetEmulator.builder()
                     .studioDevice(StudioRoutesTest.PRODUCT, DEVICE, StudioRoutesTest.KEY).thingUplinkRate(1)
                     .build().start()) {
            boiler.holding(0, 20);
            Map<String, String> properties = properties(onenet, Files.writeString(workDir.resolve("points.yaml"), """
                    sources:
                      - name: boiler
                        modbus-tcp: %s
                        poll: 200
                        points:
                          - {name: temperature, register: holding 0, type: uint16}
                          - {name: setpoint, register: holding 10, type: uint16, writable: true}
                          - {name: pump, register: coil 2, writable: true}
                    """.formatted(boiler.address())));
            // set in the console while the device is offline; pump's value is no bool: the route refuses it
            onenet.setDesired(DEVICE, "setpoint", 42);
            onenet.setDesired(DEVICE, "pump", "fast");

            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> onenet.desiredDeletes().contains(DEVICE + " setpoint 1"));
                assertThat(boiler.holding(10)).as("applied by the route").isEqualTo(42);
                assertThat(reported(onenet, "setpoint")).contains(42);
                assertThat(onenet.desired(DEVICE)).as("the refused value stays").isEqualTo(Map.of("pump", "fast"));
                DesiredValues desired = app.context().getRegistry().lookupByNameAndType("desiredValues",
                        DesiredValues.class);
                assertThat(desired.refused()).isEqualTo(1);
            }

            // offline again: a new value, and the refused one corrected
            onenet.setDesired(DEVICE, "setpoint", 43);
            onenet.setDesired(DEVICE, "pump", true);
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> onenet.desired(DEVICE).isEmpty());
                assertThat(boiler.holding(10)).isEqualTo(43);
                assertThat(boiler.coil(2)).isTrue();
                assertThat(onenet.desiredDeletes()).containsExactly(DEVICE + " setpoint 1", DEVICE + " setpoint 2",
                        DEVICE + " pump 2");
                assertThat(reported(onenet, "setpoint")).contains(42, 43);

                // set while online: applied at the next login, here after the platform dropped the connection
                onenet.setDesired(DEVICE, "setpoint", 44);
                assertThat(onenet.kick(DEVICE)).isTrue();
                await().atMost(WAIT).until(() -> onenet.desired(DEVICE).isEmpty());
                assertThat(boiler.holding(10)).isEqualTo(44);
                assertThat(onenet.desiredDeletes()).endsWith(DEVICE + " setpoint 3");
                assertThat(onenet.record().violations()).isEmpty();
            }
        }
    }

    private Map<String, String> properties(OneNetEmulator onenet, Path pointsFile) {
        Map<String, String> properties = StudioRoutesTest.thingModelDevice(onenet, workDir);
        properties.put("onenet.points.file", pointsFile.toString());
        properties.put("onenet.points.state-file", workDir.resolve("points/last-reported.json").toString());
        return properties;
    }

    /** The values of a property the platform accepted in property posts, in order. */
    private static List<Object> reported(OneNetEmulator onenet, String property) {
        return onenet.record().posts().stream().filter(post -> post.accepted())
                .flatMap(post -> post.datapoints().stream()).filter(point -> point.streamId().equals(property))
                .map(Datapoint::value).map(value -> (Object) Integer.valueOf(value.toString())).toList();
    }
}
