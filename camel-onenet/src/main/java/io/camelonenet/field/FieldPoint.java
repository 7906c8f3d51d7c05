package io.camelonenet.field;

import java.math.BigDecimal;

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
    private static final java.util.Set<Double> POWERS_OF_TEN = java.util.Set.of(10.0, 100.0, 1_000.0, 10_000.0,
            100_000.0, 1_000_000.0);

    /** The first address after the point: the point takes {@code address} to {@code end() - 1}. */
    public int end() {
        return address + type.registers();
    }

    /**
     * The value as it is reported: {@code raw * scale + offset}, an integer kept an integer when unscaled. Computed in
     * decimal, so that 222 at scale 0.1 reports 22.2, not the binary 22.200000000000003.
     */
    public Object scaled(Object raw) {
        if (raw instanceof Boolean || (scale == 1 && offset == 0)) {
            return raw;
        }
        if (offset == 0 && raw instanceof Long whole && Math.abs(whole) < (1L << 53)) {
            // the common scales 0.1, 0.01 ...: dividing by the power of ten gives the double nearest the exact
            // decimal, as the decimal arithmetic below does, without its cost on every value of every poll
            double divisor = 1 / scale;
            if (divisor == Math.rint(divisor) && POWERS_OF_TEN.contains(divisor)) {
                return whole / divisor;
            }
        }
        BigDecimal value = raw instanceof Long whole ? BigDecimal.valueOf(whole)
                : BigDecimal.valueOf(((Number) raw).doubleValue());
        return value.multiply(BigDecimal.valueOf(scale)).add(BigDecimal.valueOf(offset)).doubleValue();
    }
}
