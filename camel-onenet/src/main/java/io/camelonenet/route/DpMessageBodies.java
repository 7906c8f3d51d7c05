package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointBodies;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.dp.BinaryData;
import io.camelonenet.dp.BinaryMessage;
import io.camelonenet.dp.DelimitedField;
import io.camelonenet.dp.DelimitedMessage;
import io.camelonenet.dp.DelimitedWithTimeMessage;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.dp.DpFrameException;
import io.camelonenet.dp.DpMessage;
import io.camelonenet.dp.DpType;
import io.camelonenet.dp.FloatGroup;
import io.camelonenet.dp.FloatGroupsMessage;
import io.camelonenet.dp.FullJsonMessage;
import io.camelonenet.dp.SimpleJsonMessage;
import io.camelonenet.dp.TimedJsonMessage;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a route's body into the {@link DpMessage} of a chosen type, so a route can send a plain map or list as any
 * {@code $dp} type. A body that already is a {@link DpMessage} is sent as it is. See the README's table of bodies per
 * type.
 */
final class DpMessageBodies {

    private DpMessageBodies() {
    }

    /** Inputs besides the body: the exchange's time, and the binary/time headers. */
    record Context(Instant now, OneNetTime time, char partSeparator, char fieldSeparator, String binaryStream,
                   Object binaryDescription, Object explicitTime, Long binaryLength) {
    }

    static DpMessage toMessage(DpType type, Object body, Context context) {
        if (body instanceof DpMessage message) {
            return message;
        }
        Instant at = context.explicitTime() == null ? context.now() : instant(context.explicitTime(), context.time());
        return switch (type) {
            case FULL_JSON -> new FullJsonMessage(DatapointBodies.toDatapoints(body, at, context.time()));
            case BINARY -> binary(body, context);
            case SIMPLE_JSON -> new SimpleJsonMessage(streamValues(body, type));
            case SIMPLE_JSON_WITH_TIME -> new TimedJsonMessage(DatapointBodies.toDatapoints(body, at, context.time()));
            case DELIMITED_STRING -> new DelimitedMessage(context.partSeparator(), context.fieldSeparator(),
                    fields(body, context));
            case DELIMITED_STRING_WITH_TIME -> new DelimitedWithTimeMessage(context.partSeparator(),
                    context.fieldSeparator(), at, fields(body, context));
            case FLOAT_GROUPS -> new FloatGroupsMessage(at, floatGroups(body));
        };
    }

    private static BinaryMessage binary(Object body, Context context) {
        String stream = context.binaryStream();
        if (stream == null || stream.isBlank()) {
            throw new DpFrameException("type 2 needs the datastream id in the " + OneNetHeaders.DP_STREAM
                    + " header");
        }
        Instant at = context.explicitTime() == null ? null : instant(context.explicitTime(), context.time());
        BinaryData data;
        if (body instanceof byte[] bytes) {
            data = BinaryData.of(bytes);
        } else if (body instanceof Path path) {
            data = BinaryData.of(path);
        } else if (body instanceof File file) {
            data = BinaryData.of(file.toPath());
        } else if (body instanceof InputStream input) {
            data = context.binaryLength() != null ? BinaryData.of(input, context.binaryLength())
                    : BinaryData.of(readBounded(input));
        } else if (body instanceof String text) {
            data = BinaryData.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            throw new DpFrameException("type 2 body " + describe(body)
                    + " is not binary data (byte[], file, path, input stream or text)");
        }
        return new BinaryMessage(stream, at, context.binaryDescription(), data);
    }

    /** Without a length header a stream is read first; stop one byte past the limit so a huge stream fails fast. */
    private static byte[] readBounded(InputStream input) {
        try {
            byte[] bytes = input.readNBytes(DpCodec.MAX_BINARY_BYTES + 1);
            if (bytes.length > DpCodec.MAX_BINARY_BYTES) {
                throw new DpFrameException("type 2 binary stream is over OneNET's limit of " + DpCodec.MAX_BINARY_BYTES
                        + " bytes (3 MB)");
            }
            return bytes;
        } catch (IOException e) {
            throw new DpFrameException("type 2 binary stream cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, Object> streamValues(Object body, DpType type) {
        if (!(body instanceof Map<?, ?> map)) {
            throw new DpFrameException("type " + type.code() + " body " + describe(body)
                    + " is not a map of datastream id to value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(key == null ? null : key.toString(), value));
        return values;
    }

    private static List<DelimitedField> fields(Object body, Context context) {
        if (body instanceof Map<?, ?> map) {
            List<DelimitedField> fields = new ArrayList<>(map.size());
            map.forEach((key, value) -> fields.add(DelimitedField.of(key == null ? null : key.toString(),
                    value == null ? null : value.toString())));
            return fields;
        }
        if (body instanceof Collection<?> items) {
            List<DelimitedField> fields = new ArrayList<>(items.size());
            for (Object item : items) {
                if (item instanceof DelimitedField field) {
                    fields.add(field);
                } else if (item instanceof Datapoint point) {
                    fields.add(new DelimitedField(point.streamId(), point.at(),
                            point.value() == null ? null : point.value().toString()));
                } else {
                    fields.add(DelimitedField.valueOnly(item == null ? null : item.toString()));
                }
            }
            return fields;
        }
        throw new DpFrameException("delimited body " + describe(body)
                + " is not a map of stream id to value or a list of fields");
    }

    private static List<FloatGroup> floatGroups(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw new DpFrameException("type 7 body " + describe(body)
                    + " is not a map of numeric stream id to float(s)");
        }
        List<FloatGroup> groups = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            int streamId;
            try {
                streamId = Integer.parseInt(String.valueOf(entry.getKey()).trim());
            } catch (NumberFormatException e) {
                throw new DpFrameException("type 7 stream id '" + entry.getKey() + "' is not a number");
            }
            groups.add(new FloatGroup(streamId, floats(streamId, entry.getValue())));
        }
        return groups;
    }

    private static float[] floats(int streamId, Object value) {
        if (value instanceof float[] array) {
            return array;
        }
        if (value instanceof Number number) {
            return new float[] {number.floatValue()};
        }
        if (value instanceof Collection<?> numbers) {
            float[] floats = new float[numbers.size()];
            int i = 0;
            for (Object number : numbers) {
                if (!(number instanceof Number n)) {
                    throw new DpFrameException("type 7 stream " + streamId + " value " + i + " is not a number");
                }
                floats[i++] = n.floatValue();
            }
            return floats;
        }
        throw new DpFrameException("type 7 stream " + streamId + " value " + describe(value)
                + " is not a number or a list of numbers");
    }

    private static Instant instant(Object time, OneNetTime zoneTime) {
        try {
            return DatapointBodies.toInstant(time, zoneTime);
        } catch (InvalidDatapointException e) {
            throw new DpFrameException("header " + OneNetHeaders.DP_TIME + ": " + e.getMessage());
        }
    }

    private static String describe(Object body) {
        return body == null ? "null" : "of type " + body.getClass().getName();
    }
}
