package io.camelonenet.field;

/**
 * One point of a source, as the points file gives it: where it is read (a Modbus table and 0-based address, or an
 * OPC UA node), how its value is decoded and scaled ({@code raw * scale + offset}) and when it is reported.
 *
 * @param name      the $dp stream id (legacy) or thing-model property identifier (current platform)
 * @param table     the Modbus table, {@code null} for an OPC UA point
 * @param address   the 0-based address in {@code table}
 * @param node      the OPC UA node id, {@code null} for a Modbus point
 * @param heartbeat the most milliseconds between two reports of an unchanged value; 0: never
 */
public record FieldPoint(String name, RegisterTable table, int address, String node, PointType type,
                         WordOrder wordOrder, double scale, double offset, ReportMode report, double deadband,
                         long heartbeat, boolean writable) {

    public static final long DEFAULT_HEARTBEAT = 300_000;

    /** The first address after the point: the point takes {@code address} to {@code end() - 1}. */
    public int end() {
        return address + type.registers();
    }

    /** The value as it is reported: {@code raw * scale + offset}, an integer kept an integer when unscaled. */
    public Object scaled(Object raw) {
        if (raw instanceof Boolean || (scale == 1 && offset == 0)) {
            return raw;
        }
        return ((Number) raw).doubleValue() * scale + offset;
    }
}
