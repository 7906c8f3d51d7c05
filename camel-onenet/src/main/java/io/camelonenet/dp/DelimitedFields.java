package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.OneNetTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The delimited text of types 5 and 6 ({@code ,;stream,value;...}): written from fields, read back into them, and
 * what the fields mean as datapoints.
 */
final class DelimitedFields {

    private DelimitedFields() {
    }

    /**
     * A value-only field belongs to the stream named by its position among all fields, counted from 0: the literal
     * reading of the spec (docs/protocol-notes.md, `$dp` frames).
     */
    static List<Datapoint> datapoints(List<DelimitedField> fields, Instant defaultTime) {
        List<Datapoint> points = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            DelimitedField field = fields.get(i);
            String stream = field.streamId() == null ? Integer.toString(i) : field.streamId();
            points.add(new Datapoint(stream, field.at() == null ? defaultTime : field.at(), field.value()));
        }
        return points;
    }

    /**
     * The text of a type 5 or 6 body: both separators, then the fields. Refuses separators that are letters, digits,
     * spaces or control characters, and any part that contains a separator (OneNET would split it).
     */
    static String format(OneNetTime time, DpType type, char part, char field, List<DelimitedField> fields) {
        checkSeparator(type, part, "part separator");
        checkSeparator(type, field, "field separator");
        if (part == field) {
            throw new DpFrameException("type " + type.code() + " part and field separators are both '" + part + "'");
        }
        if (fields.isEmpty()) {
            throw new DpFrameException("type " + type.code() + " has no fields");
        }
        StringBuilder text = new StringBuilder(16 * fields.size()).append(part).append(field);
        for (int i = 0; i < fields.size(); i++) {
            DelimitedField f = fields.get(i);
            if (i > 0) {
                text.append(field);
            }
            if (f.streamId() != null) {
                text.append(part(type, i, "stream id", f.streamId(), part, field)).append(part);
                if (f.at() != null) {
                    text.append(part(type, i, "time", time.format(f.at()), part, field)).append(part);
                }
            } else if (f.at() != null) {
                throw new DpFrameException("type " + type.code() + " field " + i
                        + " has a time but no stream id; a value-only field cannot carry one");
            }
            text.append(part(type, i, "value", f.value(), part, field));
        }
        return text.toString();
    }

    private static String part(DpType type, int index, String name, String text, char part, char field) {
        if (text == null || text.isEmpty()) {
            throw new DpFrameException("type " + type.code() + " field " + index + " " + name + " is empty");
        }
        for (char separator : new char[] {part, field}) {
            if (text.indexOf(separator) >= 0) {
                throw new DpFrameException("type " + type.code() + " field " + index + " " + name + " '" + text
                        + "' contains the separator '" + separator + "'");
            }
        }
        return text;
    }

    private static void checkSeparator(DpType type, char separator, String name) {
        if (separator < 0x21 || separator > 0x7E || Character.isLetterOrDigit(separator)) {
            throw new DpFrameException("type " + type.code() + " " + name + " '" + separator
                    + "' must be a printable ASCII symbol, not a letter, digit, space or control character");
        }
    }

    /** A parsed type 5 or 6 body. */
    record Parsed(char part, char field, List<DelimitedField> fields) {
    }

    /** Reads a type 5 or 6 body back into its separators and fields. */
    static Parsed parse(OneNetTime time, DpType type, String text) {
        if (text.length() < 3) {
            throw new DpFrameException("type " + type.code() + " string '" + text
                    + "' is too short for two separators and a field");
        }
        char part = text.charAt(0);
        char field = text.charAt(1);
        checkSeparator(type, part, "part separator");
        checkSeparator(type, field, "field separator");
        if (part == field) {
            throw new DpFrameException("type " + type.code() + " part and field separators are both '" + part + "'");
        }
        List<DelimitedField> fields = new ArrayList<>();
        int start = 2;
        while (start <= text.length()) {
            int end = text.indexOf(field, start);
            if (end < 0) {
                end = text.length();
            }
            fields.add(parseField(time, type, fields.size(), text.substring(start, end), part));
            start = end + 1;
        }
        return new Parsed(part, field, fields);
    }

    private static DelimitedField parseField(OneNetTime time, DpType type, int index, String text, char part) {
        if (text.isEmpty()) {
            throw new DpFrameException("type " + type.code() + " field " + index + " is empty");
        }
        String[] parts = text.split(Pattern.quote(String.valueOf(part)), -1);
        for (String piece : parts) {
            if (piece.isEmpty()) {
                throw new DpFrameException("type " + type.code() + " field " + index + " '" + text
                        + "' has an empty part");
            }
        }
        return switch (parts.length) {
            case 1 -> DelimitedField.valueOnly(parts[0]);
            case 2 -> DelimitedField.of(parts[0], parts[1]);
            case 3 -> new DelimitedField(parts[0], time.parse(parts[1]), parts[2]);
            default -> throw new DpFrameException("type " + type.code() + " field " + index + " '" + text + "' has "
                    + parts.length + " parts; 1 to 3 allowed");
        };
    }
}
