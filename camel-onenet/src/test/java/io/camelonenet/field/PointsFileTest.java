package io.camelonenet.field;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The points file as the issue gives it is read whole; each kind of mistake is refused naming the file and entry. */
class PointsFileTest {

    @TempDir
    Path dir;

    @Test
    void should_read_the_documented_example_with_its_defaults() throws Exception {
        Path file = write("""
                sources:
                  - name: boiler-room
                    modbus-tcp: 192.168.1.20:502
                    unit-id: 1
                    poll: 1000
                    timeout: 1000
                    device: "29455901"
                    points:
                      - name: temperature
                        register: holding 0
                        type: int16
                        word-order: big
                        scale: 0.1
                        offset: 0
                        report: on-change
                        deadband: 0.5
                        heartbeat: 60000
                        writable: false
                      - name: running
                        register: coil 3
                  - name: meter
                    modbus-rtu: /dev/ttyUSB0
                    baud-rate: 19200
                    parity: even
                    product-id: Sb7Kq2Wm9x
                    device-name: meter-007
                    points:
                      - name: energy
                        register: input 10
                        type: float32
                        word-order: little
                        report: always
                  - name: line
                    opc-ua: opc.tcp://10.0.0.5:4840/path
                    username: operator
                    password-env: LINE_PASSWORD
                    points:
                      - name: pressure
                        node: "ns=2;s=Boiler.Pressure"
                """);

        List<FieldSource> sources = new PointsFile(Map.of("LINE_PASSWORD", "s3cret")::get).read(file);

        assertThat(sources).extracting(FieldSource::name).containsExactly("boiler-room", "meter", "line");
        FieldSource boiler = sources.get(0);
        assertThat(boiler.link()).isEqualTo(new FieldLink.ModbusTcp("192.168.1.20", 502));
        assertThat(boiler.device()).isEqualTo(new SourceDevice("29455901", null, null));
        assertThat(boiler.point("temperature")).isEqualTo(new FieldPoint("temperature", RegisterTable.HOLDING, 0,
                null, PointType.INT16, WordOrder.BIG, 0.1, 0, ReportMode.ON_CHANGE, 0.5, 60_000, false));
        assertThat(boiler.point("running")).isEqualTo(new FieldPoint("running", RegisterTable.COIL, 3, null,
                PointType.BOOL, WordOrder.BIG, 1, 0, ReportMode.ON_CHANGE, 0, FieldPoint.DEFAULT_HEARTBEAT, false));
        FieldSource meter = sources.get(1);
        assertThat(meter.link()).isEqualTo(new FieldLink.ModbusRtu("/dev/ttyUSB0", 19200, 8, "even", 1));
        assertThat(meter.device().key()).isEqualTo("Sb7Kq2Wm9x/meter-007");
        assertThat(meter.unitId()).isEqualTo(FieldSource.DEFAULT_UNIT_ID);
        assertThat(meter.poll()).isEqualTo(FieldSource.DEFAULT_POLL);
        assertThat(meter.point("energy").wordOrder()).isEqualTo(WordOrder.LITTLE);
        assertThat(meter.point("energy").report()).isEqualTo(ReportMode.ALWAYS);
        FieldLink.OpcUa line = (FieldLink.OpcUa) sources.get(2).link();
        assertThat(line.password().value()).isEqualTo("s3cret");
        assertThat(line.toString()).doesNotContain("s3cret");
        assertThat(sources.get(2).device().own()).isTrue();
        assertThat(sources.get(2).point("pressure").node()).isEqualTo("ns=2;s=Boiler.Pressure");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown source key      | 'modbus-tcp: h:502', 'pol: 5'                         | source 1 (source 'a'): unknown key 'pol'",
        "no protocol             | 'poll: 5'                                             | give exactly one of modbus-tcp, modbus-rtu or opc-ua",
        "two protocols           | 'modbus-tcp: h:502', 'opc-ua: opc.tcp://h:4840'       | give exactly one of modbus-tcp, modbus-rtu or opc-ua, not [modbus-tcp, opc-ua]",
        "not host and port       | 'modbus-tcp: h:502/x'                                 | modbus-tcp 'h:502/x' is not host:port",
        "unit id out of range    | 'modbus-tcp: h:502', 'unit-id: 300'                   | unit-id must be a whole number from 0 to 255, not 300",
        "device and sub-device   | 'modbus-tcp: h:502', 'device: 1', 'product-id: p'     | give device (a legacy device) or product-id and device-name",
        "serial key on tcp       | 'modbus-tcp: h:502', 'baud-rate: 9600'                | baud-rate does not apply to this source's protocol",
        "env not set             | 'opc-ua: opc.tcp://h:4840', 'username: u', 'password-env: NOT_SET' | environment variable NOT_SET is not set",
    })
    void should_refuse_a_source_naming_the_entry(String mistake, String keys, String expected) throws Exception {
        StringBuilder yaml = new StringBuilder("sources:\n  - name: a\n");
        for (String key : keys.split("', '")) {
            yaml.append("    ").append(key.replace("'", "")).append('\n');
        }
        yaml.append("    points:\n      - name: t\n        register: holding 0\n");
        Path file = write(yaml.toString().replace("register: holding 0", keys.contains("opc-ua")
                ? "node: ns=2;s=T" : "register: holding 0"));

        assertThatThrownBy(() -> new PointsFile(name -> null).read(file))
                .isInstanceOf(InvalidPointsFileException.class)
                .hasMessageStartingWith("points file " + file + " source 1")
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown point key       | 'register: holding 0', 'sclae: 2'      | point 1 (point 't'): unknown key 'sclae'",
        "no such table           | 'register: memory 0'                   | register must be 'holding', 'input', 'coil' or 'discrete'",
        "address out of range    | 'register: holding 65536'              | register address '65536' is out of range (0 to 65535)",
        "type past the last      | 'register: holding 65534', 'type: float64' | float64 takes 4 registers from 65534, beyond the last, 65535",
        "coil of int16           | 'register: coil 1', 'type: int16'      | a coil holds one bit: its type is bool",
        "unknown type            | 'register: holding 1', 'type: int64'   | type must be one of bool, int16, uint16, int32, uint32, float32, float64, not 'int64'",
        "input written           | 'register: input 1', 'writable: true'  | a input cannot be written",
        "negative deadband       | 'register: holding 1', 'deadband: -1'  | deadband must not be negative",
        "node on modbus          | 'node: ns=2;s=T'                       | node is for OPC UA sources",
        "name with a space       | 'register: holding 1', 'name: a b'     | name 'a b' must be 1 to 64 letters, digits",
    })
    void should_refuse_a_point_naming_the_entry(String mistake, String keys, String expected) throws Exception {
        StringBuilder yaml = new StringBuilder("sources:\n  - name: a\n    modbus-tcp: h:502\n    points:\n");
        String[] lines = keys.split("', '");
        boolean named = keys.contains("name:");
        yaml.append("      - ").append(named ? "" : "name: t\n        ");
        for (int i = 0; i < lines.length; i++) {
            yaml.append(i == 0 ? "" : "        ").append(lines[i].replace("'", "")).append('\n');
        }
        Path file = write(yaml.toString());

        assertThatThrownBy(() -> new PointsFile(name -> null).read(file))
                .isInstanceOf(InvalidPointsFileException.class)
                .hasMessageStartingWith("points file " + file + " source 1 (source 'a'), point 1")
                .hasMessageContaining(expected);
    }

    @Test
    void should_refuse_duplicate_source_and_point_names() throws Exception {
        Path sources = write("""
                sources:
                  - {name: a, modbus-tcp: "h:502", points: [{name: t, register: holding 0}]}
                  - {name: a, modbus-tcp: "h:503", points: [{name: t, register: holding 0}]}
                """);
        assertThatThrownBy(() -> new PointsFile().read(sources))
                .hasMessage("points file " + sources + " source 2: name 'a' is used twice");

        Path points = write("""
                sources:
                  - {name: a, modbus-tcp: "h:502", points: [{name: t, register: holding 0}, {name: t, register: holding 1}]}
                """);
        assertThatThrownBy(() -> new PointsFile().read(points))
                .hasMessage("points file " + points + " source 1 (source 'a'): point name 't' is used twice");
    }

    @Test
    void should_refuse_a_file_that_is_not_yaml_without_quoting_it() throws Exception {
        Path file = write("sources: [ {name: a, password: hunter2\n");
        assertThatThrownBy(() -> new PointsFile().read(file))
                .hasMessageStartingWith("points file " + file + " is not valid YAML at line")
                .hasMessageNotContaining("hunter2");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "points", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
