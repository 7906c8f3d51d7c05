package io.camelonenet.field.modbus;

import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.WordOrder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The inverse of {@link RegisterDecoder}: a value to write, in the point's units, becomes the registers the device
 * holds ({@code (value - offset) / scale}, rounded to a whole number for integer types), in the point's word order.
 * A value outside the type's range is refused, never wrapped.
 */
final class RegisterEncoder {

    private RegisterEncoder() {
    }

    /** @throws IllegalArgumentException naming the problem: not a number, or out of the type's range */
    static int[] encode(FieldPoint point, Object value) {
        if (point.type() == io.camelonenet.field.PointType.BOOL) {
            return new int[] {bool(value) ? 1 : 0};
        }
        BigDecimal raw = number(value).subtract(BigDecimal.valueOf(point.offset()))
                .divide(BigDecimal.valueOf(point.scale()), MathContext.DECIMAL64);
        return switch (point.type()) {
            case INT16 -> new int[] {(int) whole(point, raw, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF};
            case UINT16 -> new int[] {(int) whole(point, raw, 0, 0xFFFF)};
            case INT32 -> words(point, whole(point, raw, Integer.MIN_VALUE, Integer.MAX_VALUE), 2);
            case UINT32 -> words(point, whole(point, raw, 0, 0xFFFF_FFFFL), 2);
            case FLOAT32 -> {
                float single = raw.floatValue();
                if (!Float.isFinite(single)) {
                    throw new IllegalArgumentException(value + " is beyond the range of float32");
                }
                yield words(point, Float.floatToIntBits(single) & 0xFFFF_FFFFL, 2);
            }
            case FLOAT64 -> words(point, Double.doubleToLongBits(raw.doubleValue()), 4);
            default -> throw new IllegalStateException(point.type().key());
        };
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).strip();
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("a bool point takes true or false (or 1 or 0)");
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new IllegalArgumentException("a number is needed");
    }

    private static long whole(FieldPoint point, BigDecimal raw, long min, long max) {
        BigDecimal rounded = raw.setScale(0, RoundingMode.HALF_EVEN);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0 || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("the register value " + rounded.toPlainString() + " is beyond the range"
                    + " of " + point.type().key() + " (" + min + " to " + max + ")");
        }
        return rounded.longValueExact();
    }

    /** {@code count} words of {@code bits}, most significant first, then put in the point's word order. */
    private static int[] words(FieldPoint point, long bits, int count) {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int word = (int) (bits >>> (16 * (count - 1 - i))) & 0xFFFF;
            words[point.wordOrder() == WordOrder.BIG ? i : count - 1 - i] = word;
        }
        return words;
    }
}
