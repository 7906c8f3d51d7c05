package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.OpcUaField;
import org.apache.camel.health.HealthCheck;
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
 * The bundled single-device routes reading two real Modbus TCP slaves by a points file: values reported on change
 * with the poll's time, held back within the deadband, the last reported values kept across a restart, and a field
 * device that goes away named in readiness while the other goes on and nothing is sent as 0.
 */
class FieldPointsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void should_report_changes_beyond_the_deadband_with_the_poll_time_and_remember_them_across_a_restart()
            throws Exception {
        try (ModbusField boiler = ModbusField.start();
             OneNetEmulator onenet = emulator()) {
            boiler.holding(0, 215).holding(1, 1013);
            Map<String, String> properties = properties(onenet, pointsFile("""
                    sources:
                      - name: boiler
                        modbus-tcp: %s
                        poll: 100
                        points:
                          - {name: temperature, register: holding 0, type: int16, scale: 0.1, deadband: 0.5}
                          - {name: pressure, register: holding 1, type: uint16}
                    """.formatted(boiler.address())));
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(21.5))
                        && values(onenet, "pressure").equals(List.of(1013)));

                // within the deadband (0.4 from the value reported): held back; the next change of pressure shows
                // that polls went on meanwhile
                boiler.holding(0, 219);
                await().atMost(WAIT).until(() -> Double.valueOf(21.9).equals(lastRead(app)));
                boiler.holding(1, 1014);
                await().atMost(WAIT).until(() -> values(onenet, "pressure").equals(List.of(1013, 1014)));
                assertThat(values(onenet, "temperature")).containsExactly(21.5);

                // beyond it: 0.7 from the value last reported, not from the last read
                boiler.holding(0, 222);
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(21.5, 22.2)));
                Datapoint reported = points(onenet, "temperature").get(1);
                assertThat(reported.at()).isNotNull();
                assertThat(app.check("onenet-field").getState()).isEqualTo(HealthCheck.State.UP);
            }

            // a restart: unchanged values are not reported again, a change is
            int before = onenet.record().uploads().size();
            boiler.holding(1, 1015);
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "pressure").equals(List.of(1013, 1014, 1015)));
                assertThat(values(onenet, "temperature")).containsExactly(21.5, 22.2);
                assertThat(onenet.record().uploads().size()).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void should_name_a_source_that_went_away_while_the_other_goes_on_and_resume_when_it_is_back()
            throws Exception {
        try (ModbusField boiler = ModbusField.start();
             ModbusField meter = ModbusField.start();
             OneNetEmulator onenet = emulator()) {
            boiler.holding(0, 7);
            meter.holding(0, 100);
            Map<String, String> properties = properties(onenet, pointsFile("""
                    sources:
                      - name: boiler
                        modbus-tcp: %s
                        poll: 100
                        timeout: 500
                        points: [{name: temperature, register: holding 0, type: int16}]
                      - name: meter
                        modbus-tcp: %s
                        poll: 100
                        points: [{name: energy, register: holding 0, type: uint16}]
                    """.formatted(boiler.address(), meter.address())));
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(7))
                        && values(onenet, "energy").equals(List.of(100)));

                boiler.stop();
                // j2mod's slave answers a request already under way on a closing connection with exception 2, then
                // the port refuses: readiness says so
                await().atMost(WAIT).until(() -> app.check("onenet-field").getState() == HealthCheck.State.DOWN
                        && app.check("onenet-field").getMessage().orElse("").startsWith("1 field source cannot be"
                        + " read: boiler: modbus-tcp " + boiler.address() + ": cannot connect"));
                meter.holding(0, 101);
                await().atMost(WAIT).until(() -> values(onenet, "energy").equals(List.of(100, 101)));
                // 30 s away, as a field server that restarts is: named all along, nothing sent for it meanwhile
                int uploads = values(onenet, "temperature").size();
                await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(45)).until(() ->
                        app.check("onenet-field").getState() == HealthCheck.State.DOWN
                                && values(onenet, "temperature").size() == uploads);

                boiler.holding(0, 8);
                boiler.restart();
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(7, 8)));
                await().atMost(WAIT).until(() -> app.check("onenet-field").getState() == HealthCheck.State.UP);
                // never a 0 for a value that could not be read
                assertThat(values(onenet, "temperature")).doesNotContain(0);
            }
        }
    }

    @Test
    void should_report_an_opc_ua_servers_changes_and_resubscribe_after_it_restarts() throws Exception {
        try (OpcUaField line = OpcUaField.start(Map.of("Pressure", 1.25));
             OneNetEmulator onenet = emulator()) {
            Map<String, String> properties = properties(onenet, pointsFile("""
                    sources:
                      - name: line
                        opc-ua: %s
                        poll: 100
                        timeout: 2000
                        points: [{name: pressure, node: "%s"}]
                    """.formatted(line.endpoint(), line.node("Pressure"))));
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "pressure").equals(List.of(1.25)));
                line.set("Pressure", 1.5);
                await().atMost(WAIT).until(() -> values(onenet, "pressure").equals(List.of(1.25, 1.5)));

                line.stop();
                await().atMost(WAIT).until(() -> app.check("onenet-field").getState() == HealthCheck.State.DOWN);
                line.restart();
                line.set("Pressure", 2.5);
                await().atMost(WAIT).until(() -> values(onenet, "pressure").equals(List.of(1.25, 1.5, 2.5)));
                await().atMost(WAIT).until(() -> app.check("onenet-field").getState() == HealthCheck.State.UP);
            }
        }
    }

    @Test
    void should_write_a_writable_point_named_by_a_command_and_answer_each_outcome() throws Exception {
        try (ModbusField boiler = ModbusField.start();
             OneNetEmulator onenet = emulator()) {
            Map<String, String> properties = properties(onenet, pointsFile("""
                    sources:
                      - name: boiler
                        modbus-tcp: %s
                        poll: 100
                        points:
                          - {name: temperature, register: holding 0, type: int16, scale: 0.1}
                          - {name: setpoint, register: holding 10, type: float32, word-order: little, writable: true}
                          - {name: limit, register: holding 12, type: int16, scale: 0.1, writable: true}
                          - {name: pump, register: coil 2, writable: true}
                    """.formatted(boiler.address())));
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(0.0)));

                assertThat(command(onenet, "{\"setpoint\": 22.5, \"pump\": true, \"limit\": 12.3}")).isEqualTo("ok");
                boiler.holding(0, 1); // a change, so the next upload shows a poll after the write
                await().atMost(WAIT).until(() -> values(onenet, "setpoint").contains(22.5));
                assertThat(boiler.holding(10)).isEqualTo(Float.floatToIntBits(22.5f) & 0xFFFF);
                assertThat(boiler.holding(12)).isEqualTo(123);
                assertThat(boiler.coil(2)).isTrue();
                assertThat(values(onenet, "pump")).contains(true);

                assertThat(command(onenet, "{\"temperature\": 30}")).isEqualTo("error: temperature is not writable"
                        + " (writable: true in the points file allows it)");
                assertThat(command(onenet, "{\"limit\": 4000}")).isEqualTo("error: limit: the register value 40000"
                        + " is beyond the range of int16 (-32768 to 32767)");
                assertThat(command(onenet, "{\"limit\": 1, \"valve\": 2}")).isEqualTo("error: valve is not a point"
                        + " of the device");
                // not a write: answered as before
                assertThat(command(onenet, "reboot")).isEqualTo("ok");
                assertThat(boiler.holding(0)).isEqualTo(1);
            }
        }
    }

    private static String command(OneNetEmulator onenet, String text) {
        String id = onenet.pushCommand(RunningApp.DEVICE, text);
        await().atMost(WAIT).until(() -> onenet.record().replies().stream().anyMatch(r -> r.commandId().equals(id)));
        return onenet.record().replies().stream().filter(r -> r.commandId().equals(id)).findFirst().orElseThrow()
                .payloadAsText();
    }

    @Test
    void should_take_a_valid_edit_of_the_file_while_running_and_refuse_an_invalid_one_in_one_line() throws Exception {
        try (ModbusField boiler = ModbusField.start();
             ModbusField meter = ModbusField.start();
             OneNetEmulator onenet = emulator();
             HostLogs logs = HostLogs.at(ch.qos.logback.classic.Level.INFO)) {
            boiler.holding(0, 1);
            meter.holding(0, 500);
            String boilerSource = """
                    sources:
                      - name: boiler
                        modbus-tcp: %s
                        poll: 100
                        points: [{name: temperature, register: holding 0, type: int16}]
                    """.formatted(boiler.address());
            Path file = pointsFile(boilerSource);
            try (RunningApp app = RunningApp.start(properties(onenet, file), context -> { })) {
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(1)));

                // a source added while running: read, the running one undisturbed
                Files.writeString(file, boilerSource + """
                      - name: meter
                        modbus-tcp: %s
                        poll: 100
                        points: [{name: energy, register: holding 0, type: uint16}]
                    """.formatted(meter.address()));
                await().atMost(WAIT).until(() -> values(onenet, "energy").equals(List.of(500)));

                // an invalid version: refused in one line, the sources go on
                Files.writeString(file, boilerSource.replace("holding 0", "holding 70000"));
                await().atMost(WAIT).until(() -> logs.lines().stream().anyMatch(line -> line.contains(
                        "points file " + file + " source 1 (source 'boiler'), point 1 (point 'temperature'): register"
                                + " address '70000' is out of range (0 to 65535): the running sources go on")));
                boiler.holding(0, 2);
                meter.holding(0, 501);
                await().atMost(WAIT).until(() -> values(onenet, "temperature").equals(List.of(1, 2))
                        && values(onenet, "energy").equals(List.of(500, 501)));
                assertThat(logs.lines()).filteredOn(line -> line.contains("70000")).hasSize(1)
                        .allSatisfy(line -> assertThat(line).doesNotContain("\n"));
            }
        }
    }

    @Test
    void should_stop_at_start_naming_the_points_file_and_its_entry() throws Exception {
        Path file = pointsFile("""
                sources:
                  - name: boiler
                    modbus-tcp: 127.0.0.1:502
                    device: "99999"
                    points: [{name: temperature, register: holding 0}]
                """);
        Map<String, String> properties = properties(null, file);
        properties.put("onenet.broker-url", "tcp://127.0.0.1:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningApp.start(properties, context -> { }))
                .satisfies(error -> assertThat(StartupFailure.explain(error)).isEqualTo(new StartupFailure(
                        "Configuration error: onenet.points.file is not usable: points file " + file + " source"
                                + " 'boiler': device 99999 is not the app's device (" + RunningApp.DEVICE + "); omit"
                                + " the device to mean it (set it in application.properties or as ONENET_POINTS_FILE)",
                        2)));
    }

    private OneNetEmulator emulator() {
        return OneNetEmulator.builder().device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH)
                .commandPeriod(Duration.ZERO).build().start();
    }

    private Map<String, String> properties(OneNetEmulator onenet, Path pointsFile) {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.points.file", pointsFile.toString());
        properties.put("onenet.points.state-file", workDir.resolve("points/last-reported.json").toString());
        return properties;
    }

    private Path pointsFile(String yaml) throws Exception {
        return Files.writeString(workDir.resolve("points.yaml"), yaml);
    }

    /** The temperature the last poll read, reported or not. */
    private static Object lastRead(RunningApp app) {
        return app.context().getRegistry().lookupByNameAndType("fieldSources", io.camelonenet.field.FieldSources.class)
                .status("boiler").point("temperature").lastValue();
    }

    private static List<Datapoint> points(OneNetEmulator onenet, String stream) {
        return onenet.record().uploads().stream().flatMap(upload -> upload.datapoints().stream())
                .filter(point -> point.streamId().equals(stream)).toList();
    }

    private static List<Object> values(OneNetEmulator onenet, String stream) {
        return points(onenet, stream).stream().map(Datapoint::value).toList();
    }
}
