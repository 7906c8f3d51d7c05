package io.camelonenet.field;

/**
 * Which register of a 32- or 64-bit value holds its most significant word. Modbus fixes the byte order inside a
 * register (big-endian) but not the order of registers: devices differ, so the points file says.
 */
public enum WordOrder {
    /** The first register holds the most significant word (the default). */
    BIG,
    /** The first register holds the least significant word. */
    LITTLE
}
