package io.camelonenet.field.opcua;

import io.camelonenet.field.FieldPoint;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An OPC UA node's value as a reported number and back: integers (signed or Milo's unsigned types) become longs,
 * floats and doubles doubles (finite only), booleans stay booleans; anything else is refused, since OneNET takes
 * numbers. A value to write takes the type the node's value has, after the point's scale and offset are undone.
 */
final class OpcUaValues {

    private OpcUaValues() {
    }

    /** @throws IllegalArgumentException for a value that is not a number or a boolean, or not finite */
    static Object number(Object value) {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("holds " + number + ", not a number OneNET takes");
            }
            return number;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof UNumber unsigned) {
            BigInteger whole = unsigned.toBigInteger();
            if (whole.bitLength() > 63) {
                throw new IllegalArgumentException("holds " + whole + ", beyond the range of a long");
            }
            return whole.longValue();
        }
        throw new IllegalArgumentException("holds " + (value == null ? "nothing" : "a "
                + value.getClass().getSimpleName()) + ", not a number or a boolean");
    }

    /** {@code (value - offset) / scale} in the Java type of {@code current}, the node's value now. */
    static Object unscaled(FieldPoint point, Object value, Object current) {
        if (current instanceof Boolean) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            String text = String.valueOf(value).strip();
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("the node is a boolean: write true or false");
        }
        BigDecimal raw;
        try {
            raw = new BigDecimal(String.valueOf(value).strip()).subtract(BigDecimal.valueOf(point.offset()))
                    .divide(BigDecimal.valueOf(point.scale()), MathContext.DECIMAL64);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number is needed");
        }
        if (current instanceof Double) {
            return raw.doubleValue();
        }
        if (current instanceof Float) {
            return raw.floatValue();
        }
        BigDecimal whole = raw.setScale(0, RoundingMode.HALF_EVEN);
        try {
            if (current instanceof Integer) {
                return whole.intValueExact();
            }
            if (current instanceof Short) {
                return whole.shortValueExact();
            }
            if (current instanceof Long) {
                return whole.longValueExact();
            }
            if (current instanceof Byte) {
                return whole.byteValueExact();
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the value " + whole.toPlainString() + " is beyond the range of the"
                    + " node's " + current.getClass().getSimpleName());
        }
        throw new IllegalArgumentException("the node holds a " + current.getClass().getSimpleName() + ", which this"
                + " version does not write");
    }
}
