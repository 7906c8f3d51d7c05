package io.camelonenet.field;

import java.util.Locale;

/** The value types of a Modbus point, each taking 1, 2 or 4 registers (or one bit of a coil or discrete input). */
public enum PointType {
    BOOL(1),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    FLOAT32(2),
    FLOAT64(4);

    private final int registers;

    PointType(int registers) {
        this.registers = registers;
    }

    /** How many registers (or bits, for a bool in a bit table) the value takes. */
    public int registers() {
        return registers;
    }

    public boolean floating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PointType parse(String text) {
        for (PointType type : values()) {
            if (type.key().equals(text)) {
                return type;
            }
        }
        return null;
    }
}
