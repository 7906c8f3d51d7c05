package io.camelonenet.field;

import io.camelonenet.emulator.ModbusField;
import io.camelonenet.field.modbus.ModbusReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every type and word order decodes to what a real Modbus slave holds; a refused block fails its points only. */
class ModbusReaderTest {

    private static ModbusField device;

    @BeforeAll
    static void start() {
        device = ModbusField.start();
        device.holding(0, -1234)
                .holding(1, 65000)
                .int32(2, -123_456_789, false)
                .int32(4, -123_456_789, true)
                .int32(6, (int) 4_000_000_000L, false)
                .float32(8, 3.25f, false)
                .float32(10, -1.5e-3f, true)
                .float64(12, Math.PI, false)
                .float64(16, -Math.E, true)
                .holding(20, 215)
                .holding(21, 1)
                .input(5, 42)
                .coil(3, true)
                .discrete(4, true);
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    @Test
    void should_decode_every_type_and_word_order_as_the_device_holds_it() throws Exception {
        FieldSource source = source(List.of(
                point("int16", "holding", 0, PointType.INT16, WordOrder.BIG, 1, 0),
                point("uint16", "holding", 1, PointType.UINT16, WordOrder.BIG, 1, 0),
                point("int32big", "holding", 2, PointType.INT32, WordOrder.BIG, 1, 0),
                point("int32little", "holding", 4, PointType.INT32, WordOrder.LITTLE, 1, 0),
                point("uint32", "holding", 6, PointType.UINT32, WordOrder.BIG, 1, 0),
                point("float32big", "holding", 8, PointType.FLOAT32, WordOrder.BIG, 1, 0),
                point("float32little", "holding", 10, PointType.FLOAT32, WordOrder.LITTLE, 1, 0),
                point("float64big", "holding", 12, PointType.FLOAT64, WordOrder.BIG, 1, 0),
                point("float64little", "holding", 16, PointType.FLOAT64, WordOrder.LITTLE, 1, 0),
                point("scaled", "holding", 20, PointType.INT16, WordOrder.BIG, 0.1, -1.5),
                point("flag", "holding", 21, PointType.BOOL, WordOrder.BIG, 1, 0),
                point("input", "input", 5, PointType.UINT16, WordOrder.BIG, 1, 0),
                point("coil", "coil", 3, PointType.BOOL, WordOrder.BIG, 1, 0),
                point("coilOff", "coil", 4, PointType.BOOL, WordOrder.BIG, 1, 0),
                point("discrete", "discrete", 4, PointType.BOOL, WordOrder.BIG, 1, 0)));

        PollResult poll;
        try (ModbusReader reader = new ModbusReader(source)) {
            poll = reader.read();
        }

        assertThat(poll.errors()).isEmpty();
        assertThat(poll.values())
                .containsEntry("int16", -1234L)
                .containsEntry("uint16", 65000L)
                .containsEntry("int32big", -123_456_789L)
                .containsEntry("int32little", -123_456_789L)
                .containsEntry("uint32", 4_000_000_000L)
                .containsEntry("float32big", 3.25)
                .containsEntry("float64big", Math.PI)
                .containsEntry("float64little", -Math.E)
                .containsEntry("flag", true)
                .containsEntry("input", 42L)
                .containsEntry("coil", true)
                .containsEntry("coilOff", false)
                .containsEntry("discrete", true);
        assertThat((double) poll.values().get("float32little")).isCloseTo(-1.5e-3, within(1e-9));
        assertThat((double) poll.values().get("scaled")).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void should_fail_only_the_points_of_a_block_the_device_refuses() throws Exception {
        FieldSource source = source(List.of(
                point("present", "holding", 20, PointType.INT16, WordOrder.BIG, 1, 0),
                point("absent", "holding", ModbusField.SIZE + 5, PointType.INT16, WordOrder.BIG, 1, 0)));

        try (ModbusReader reader = new ModbusReader(source)) {
            PollResult poll = reader.read();
            assertThat(poll.values()).containsOnlyKeys("present");
            assertThat(poll.errors()).containsOnlyKeys("absent");
            assertThat(poll.errors().get("absent")).contains("exception 2").contains("holding 1005-1005");
        }
    }

    @Test
    void should_fail_the_poll_when_the_device_cannot_be_reached() {
        ModbusField stopped = ModbusField.start();
        stopped.stop();
        FieldSource source = new FieldSource("away", new FieldLink.ModbusTcp("127.0.0.1", stopped.port()), 1, 100,
                500, SourceDevice.OWN, List.of(point("x", "holding", 0, PointType.INT16, WordOrder.BIG, 1, 0)));

        try (ModbusReader reader = new ModbusReader(source)) {
            assertThatThrownBy(reader::read).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("modbus-tcp 127.0.0.1:" + stopped.port() + ": cannot connect");
        }
    }

    private static FieldSource source(List<FieldPoint> points) {
        return new FieldSource("test", new FieldLink.ModbusTcp("127.0.0.1", device.port()), 1, 100, 1000,
                SourceDevice.OWN, points);
    }

    static FieldPoint point(String name, String table, int address, PointType type, WordOrder order, double scale,
                            double offset) {
        return new FieldPoint(name, RegisterTable.parse(table), address, null, type, order, scale, offset,
                ReportMode.ON_CHANGE, 0, 0, false);
    }
}
