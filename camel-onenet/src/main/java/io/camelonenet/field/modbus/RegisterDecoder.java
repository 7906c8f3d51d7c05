package io.camelonenet.field.modbus;

import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.WordOrder;

/**
 * Decodes a point's raw value from the 16-bit words of its block (each as an unsigned int, its bytes in Modbus's
 * big-endian order), putting the words of a 32- or 64-bit value in the point's word order.
 */
final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /**
     * @param words  the block's registers, unsigned
     * @param index  the point's first register in {@code words}
     * @return a Boolean, Long or Double; a float that is NaN or infinite is refused (OneNET takes numbers only)
     */
    static Object decode(FieldPoint point, int[] words, int index) {
        return switch (point.type()) {
            case BOOL -> words[index] != 0;
            case INT16 -> (long) (short) words[index];
            case UINT16 -> (long) words[index];
            case INT32 -> (long) (int) bits(point, words, index, 2);
            case UINT32 -> bits(point, words, index, 2) & 0xFFFF_FFFFL;
            case FLOAT32 -> finite((double) Float.intBitsToFloat((int) bits(point, words, index, 2)));
            case FLOAT64 -> finite(Double.longBitsToDouble(bits(point, words, index, 4)));
        };
    }

    /** The value's bits, most significant word first whatever the device's order. */
    private static long bits(FieldPoint point, int[] words, int index, int count) {
        long bits = 0;
        for (int i = 0; i < count; i++) {
            int word = point.wordOrder() == WordOrder.BIG ? words[index + i] : words[index + count - 1 - i];
            bits = (bits << 16) | (word & 0xFFFF);
        }
        return bits;
    }

    private static Double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the device holds " + value + ", not a number OneNET takes");
        }
        return value;
    }
}
