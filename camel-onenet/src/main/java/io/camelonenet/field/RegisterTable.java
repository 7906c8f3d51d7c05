package io.camelonenet.field;

import java.util.Locale;

/** Modbus's four tables, as a points file names them, with the most one read request may ask of each. */
public enum RegisterTable {
    HOLDING(125, true),
    INPUT(125, false),
    COIL(2000, true),
    DISCRETE(2000, false);

    /** The highest 0-based address of every table. */
    public static final int MAX_ADDRESS = 65_535;

    private final int maxPerRequest;
    private final boolean writable;

    RegisterTable(int maxPerRequest, boolean writable) {
        this.maxPerRequest = maxPerRequest;
        this.writable = writable;
    }

    /** Modbus's limit of one request: 125 registers (function 3 and 4) or 2,000 bits (function 1 and 2). */
    public int maxPerRequest() {
        return maxPerRequest;
    }

    /** Coils and discrete inputs hold bits; holding and input registers 16-bit words. */
    public boolean bits() {
        return this == COIL || this == DISCRETE;
    }

    /** Only holding registers and coils can be written. */
    public boolean writable() {
        return writable;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RegisterTable parse(String text) {
        for (RegisterTable table : values()) {
            if (table.key().equals(text)) {
                return table;
            }
        }
        return null;
    }
}
