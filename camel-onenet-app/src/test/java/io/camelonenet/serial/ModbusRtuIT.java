package io.camelonenet.serial;

import io.camelonenet.emulator.ModbusField;
import io.camelonenet.field.FieldLink;
import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldSource;
import io.camelonenet.field.PointType;
import io.camelonenet.field.RegisterTable;
import io.camelonenet.field.ReportMode;
import io.camelonenet.field.SourceDevice;
import io.camelonenet.field.WordOrder;
import io.camelonenet.field.PollResult;
import io.camelonenet.field.modbus.ModbusReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Modbus RTU through the app's serial code (j2mod's serial master on jSerialComm) against a serial slave, over a
 * pseudo-terminal pair that socat makes: the serial line a test can have without a port. Needs socat
 * ({@code apt-get install socat}; .ci/run installs it); run with {@code ./mvnw verify -Pserial}.
 */
class ModbusRtuIT {

    @TempDir
    Path dir;
    private Process socat;

    @AfterEach
    void stop() {
        if (socat != null) {
            socat.destroy();
        }
    }

    @Test
    void should_read_and_write_a_slave_over_a_serial_line() throws Exception {
        Path app = dir.resolve("app-end");
        Path device = dir.resolve("device-end");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + app, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app) && Files.exists(device));

        try (ModbusField slave = ModbusField.startSerial(device.toRealPath().toString(), 19200)) {
            slave.holding(0, -5).int32(1, 123_456, false).coil(4, true);
            FieldSource source = new FieldSource("rtu", new FieldLink.ModbusRtu(app.toRealPath().toString(), 19200, 8,
                    "none", 1), 1, 100, 1000, SourceDevice.OWN, List.of(
                    point("level", RegisterTable.HOLDING, 0, PointType.INT16, false),
                    point("total", RegisterTable.HOLDING, 1, PointType.INT32, false),
                    point("setpoint", RegisterTable.HOLDING, 3, PointType.UINT16, true),
                    point("pump", RegisterTable.COIL, 4, PointType.BOOL, false)));
            try (ModbusReader reader = new ModbusReader(source)) {
                PollResult poll = reader.read();
                assertThat(poll.errors()).isEmpty();
                assertThat(poll.values()).containsEntry("level", -5L).containsEntry("total", 123_456L)
                        .containsEntry("pump", true).containsEntry("setpoint", 0L);

                reader.write(source.point("setpoint"), 321);
                assertThat(slave.holding(3)).isEqualTo(321);
                assertThat(reader.read().values()).containsEntry("setpoint", 321L);
            }
        }
    }

    private static FieldPoint point(String name, RegisterTable table, int address, PointType type, boolean writable) {
        return new FieldPoint(name, table, address, null, type, WordOrder.BIG, 1, 0, ReportMode.ON_CHANGE, 0, 0,
                writable);
    }
}
