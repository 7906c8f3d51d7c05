package io.camelonenet.inbound;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * An estimate, from above, of the heap a parsed request holds: what {@link InboundBudget} counts. A JSON text is
 * compact; parsed into maps, strings and boxed numbers it takes several times its size (12,000 short keys of a
 * 121 KB property set take about 1.5 MB), so a bound on wire bytes alone does not bound the heap. Sizes are those of a
 * 64-bit JVM with compressed references, each object rounded up, strings counted at two bytes a character. Walks
 * without recursion, so a deeply nested value cannot overflow the stack.
 */
public final class ParsedSize {

    static final int OBJECT = 16;
    static final int STRING = 40;
    static final int BOXED = 24;
    /** A map entry with its share of the table ({@code LinkedHashMap}: entry 40 bytes, table slot and slack). */
    static final int MAP_ENTRY = 56;
    static final int MAP = 64;
    /** A list slot with its share of the growth slack. */
    static final int LIST_SLOT = 8;
    static final int LIST = 40;
    /** Anything else: its object and a few fields. */
    static final int OTHER = 64;

    private ParsedSize() {
    }

    /** A string of {@code chars} characters. */
    public static long ofString(int chars) {
        return STRING + 2L * chars;
    }

    /** A byte array of {@code length} bytes. */
    public static long ofBytes(int length) {
        return OBJECT + (long) length;
    }

    /** The estimate for {@code value}: maps, collections, arrays, strings, numbers and Jackson trees of them. */
    public static long of(Object value) {
        long total = 0;
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(value == null ? Null.INSTANCE : value);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next == Null.INSTANCE) {
                continue;
            }
            if (next instanceof String text) {
                total += ofString(text.length());
            } else if (next instanceof byte[] bytes) {
                total += ofBytes(bytes.length);
            } else if (next instanceof Number || next instanceof Boolean || next instanceof Character) {
                total += BOXED;
            } else if (next instanceof Map<?, ?> map) {
                total += MAP + (long) MAP_ENTRY * map.size();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    push(pending, entry.getKey());
                    push(pending, entry.getValue());
                }
            } else if (next instanceof Collection<?> collection) {
                total += LIST + (long) LIST_SLOT * collection.size();
                collection.forEach(element -> push(pending, element));
            } else if (next instanceof Object[] array) {
                total += OBJECT + (long) LIST_SLOT * array.length;
                for (Object element : array) {
                    push(pending, element);
                }
            } else if (next instanceof JsonNode node) {
                total += node(node, pending);
            } else {
                total += OTHER;
            }
        }
        return total;
    }

    /** A Jackson tree node: an object node holds a map, an array node a list, a value node its value. */
    private static long node(JsonNode node, Deque<Object> pending) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                pending.push(field.getKey());
                pending.push(field.getValue());
            }
            return OBJECT + MAP + (long) MAP_ENTRY * node.size();
        }
        if (node.isArray()) {
            node.forEach(pending::push);
            return OBJECT + LIST + (long) LIST_SLOT * node.size();
        }
        if (node.isTextual()) {
            return OBJECT + ofString(node.textValue().length());
        }
        return OBJECT + BOXED;
    }

    private static void push(Deque<Object> pending, Object value) {
        pending.push(value == null ? Null.INSTANCE : value);
    }

    /** Stands for null in the work list, which takes no nulls. */
    private enum Null {
        INSTANCE
    }
}
