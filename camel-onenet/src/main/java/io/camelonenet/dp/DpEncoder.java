package io.camelonenet.dp;

import com.fasterxml.jackson.core.JsonGenerator;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointJsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.camelonenet.dp.DpCodec.FLAG_TIME;
import static io.camelonenet.dp.DpCodec.MAX_BINARY_BYTES;
import static io.camelonenet.dp.DpCodec.MAX_FLOATS_PER_GROUP;
import static io.camelonenet.dp.DpCodec.MAX_FLOAT_GROUPS;
import static io.camelonenet.dp.DpCodec.MAX_JSON_BYTES;

/**
 * Builds {@code $dp} frames (docs/protocol-notes.md, `$dp` frames): refuses what OneNET would refuse or silently corrupt with an
 * exception naming the field, and never truncates. Used through {@link DpCodec}.
 */
final class DpEncoder {

    private static final int JSON_HEADER_BYTES = 3;

    private final DpFrameContext context;
    private final DatapointJsonWriter jsonWriter;

    DpEncoder(DpFrameContext context) {
        this.context = context;
        this.jsonWriter = new DatapointJsonWriter(context.mapper(), context.time());
    }

    byte[] encode(DpMessage message) {
        // Java 17 has no pattern switch; DpMessage is sealed, so this chain is complete
        if (message instanceof FullJsonMessage full) {
            return encodeFullJson(full.datapoints());
        } else if (message instanceof BinaryMessage binary) {
            return encodeBinary(binary);
        } else if (message instanceof SimpleJsonMessage simple) {
            return encodeSimpleJson(simple.values());
        } else if (message instanceof TimedJsonMessage timed) {
            return encodeTimedJson(timed.datapoints());
        } else if (message instanceof DelimitedMessage delimited) {
            return encodeDelimited(delimited);
        } else if (message instanceof DelimitedWithTimeMessage delimited) {
            return encodeDelimitedWithTime(delimited);
        } else if (message instanceof FloatGroupsMessage floats) {
            return encodeFloatGroups(floats);
        }
        throw new DpFrameException("no message to encode");
    }

    /** Frames JSON that is already UTF-8 bytes as a payload of type 1, 3 or 4. */
    static byte[] encodeJson(DpType type, byte[] utf8Json) {
        if (type != DpType.FULL_JSON && type != DpType.SIMPLE_JSON && type != DpType.SIMPLE_JSON_WITH_TIME) {
            throw new DpFrameException("type " + type.code() + " (" + type + ") is not a JSON type");
        }
        if (utf8Json == null || utf8Json.length == 0) {
            throw new DpFrameException("type " + type.code() + " JSON body is empty");
        }
        checkBodyLength(type, utf8Json.length);
        byte[] frame = new byte[JSON_HEADER_BYTES + utf8Json.length];
        frame[0] = (byte) type.code();
        frame[1] = (byte) (utf8Json.length >>> 8);
        frame[2] = (byte) utf8Json.length;
        System.arraycopy(utf8Json, 0, frame, JSON_HEADER_BYTES, utf8Json.length);
        return frame;
    }

    private byte[] encodeFullJson(List<Datapoint> points) {
        FrameBuffer frame = new FrameBuffer(96 + 64 * points.size());
        frame.write(DpType.FULL_JSON.code());
        int length = frame.reserve(2);
        jsonWriter.write(points, frame);
        return finishBody(frame, length, DpType.FULL_JSON);
    }

    private byte[] encodeSimpleJson(Map<String, Object> values) {
        if (values.isEmpty()) {
            throw new DpFrameException("type 3 has no values");
        }
        FrameBuffer frame = new FrameBuffer(32 + 32 * values.size());
        frame.write(DpType.SIMPLE_JSON.code());
        int length = frame.reserve(2);
        try (JsonGenerator json = context.mapper().getFactory().createGenerator(frame)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                json.writeFieldName(streamId(entry.getKey(), DpType.SIMPLE_JSON));
                jsonWriter.writeValue(json, entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new DpFrameException("type 3 values cannot be written as JSON: " + e.getMessage());
        }
        return finishBody(frame, length, DpType.SIMPLE_JSON);
    }

    private byte[] encodeTimedJson(List<Datapoint> points) {
        if (points.isEmpty()) {
            throw new DpFrameException("type 4 has no values");
        }
        Map<String, Map<String, Object>> streams = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Datapoint point = points.get(i);
            String stream = streamId(point.streamId(), DpType.SIMPLE_JSON_WITH_TIME);
            if (point.at() == null) {
                throw new DpFrameException("type 4 datapoint " + i + " of stream '" + stream
                        + "' has no time; type 4 needs one per value");
            }
            String at = context.time().format(point.at());
            if (streams.computeIfAbsent(stream, s -> new LinkedHashMap<>()).put(at, point.value()) != null) {
                throw new DpFrameException("type 4 stream '" + stream + "' has two values at " + at);
            }
        }
        FrameBuffer frame = new FrameBuffer(32 + 48 * points.size());
        frame.write(DpType.SIMPLE_JSON_WITH_TIME.code());
        int length = frame.reserve(2);
        try (JsonGenerator json = context.mapper().getFactory().createGenerator(frame)) {
            json.writeStartObject();
            for (Map.Entry<String, Map<String, Object>> stream : streams.entrySet()) {
                json.writeObjectFieldStart(stream.getKey());
                for (Map.Entry<String, Object> value : stream.getValue().entrySet()) {
                    json.writeFieldName(value.getKey());
                    jsonWriter.writeValue(json, stream.getKey(), value.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new DpFrameException("type 4 values cannot be written as JSON: " + e.getMessage());
        }
        return finishBody(frame, length, DpType.SIMPLE_JSON_WITH_TIME);
    }

    private byte[] encodeBinary(BinaryMessage message) {
        String stream = streamId(message.streamId(), DpType.BINARY);
        FrameBuffer descriptor = new FrameBuffer(64);
        try (JsonGenerator json = context.mapper().getFactory().createGenerator(descriptor)) {
            json.writeStartObject();
            json.writeStringField("ds_id", stream);
            if (message.at() != null) {
                json.writeStringField("at", context.time().format(message.at()));
            }
            if (message.description() != null) {
                json.writeFieldName("desc");
                context.mapper().writeValue(json, message.description());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new DpFrameException("type 2 desc cannot be written as JSON: " + e.getMessage());
        }
        int descriptorLength = descriptor.size();
        checkBodyLength(DpType.BINARY, descriptorLength);
        long binaryLength = message.data().length();
        if (binaryLength > MAX_BINARY_BYTES) {
            throw new DpFrameException("type 2 binary is " + binaryLength + " bytes; OneNET takes at most "
                    + MAX_BINARY_BYTES + " (3 MB)");
        }
        // exact size up front: the binary is copied once, from its source straight into the frame
        byte[] frame = new byte[1 + 2 + descriptorLength + 4 + (int) binaryLength];
        frame[0] = (byte) DpType.BINARY.code();
        frame[1] = (byte) (descriptorLength >>> 8);
        frame[2] = (byte) descriptorLength;
        System.arraycopy(descriptor.toByteArray(), 0, frame, 3, descriptorLength);
        int at = 3 + descriptorLength;
        frame[at] = (byte) (binaryLength >>> 24);
        frame[at + 1] = (byte) (binaryLength >>> 16);
        frame[at + 2] = (byte) (binaryLength >>> 8);
        frame[at + 3] = (byte) binaryLength;
        try {
            message.data().copyTo(frame, at + 4);
        } catch (IOException e) {
            throw new DpFrameException("type 2 binary of stream '" + stream + "' cannot be read: " + e.getMessage());
        }
        return frame;
    }

    private byte[] encodeDelimited(DelimitedMessage message) {
        String text = DelimitedFields.format(context.time(), DpType.DELIMITED_STRING, message.partSeparator(), message.fieldSeparator(),
                message.fields());
        FrameBuffer frame = new FrameBuffer(8 + text.length() * 3);
        frame.write(DpType.DELIMITED_STRING.code());
        int length = frame.reserve(2);
        writeUtf8(frame, text);
        return finishBody(frame, length, DpType.DELIMITED_STRING);
    }

    private byte[] encodeDelimitedWithTime(DelimitedWithTimeMessage message) {
        DpType type = DpType.DELIMITED_STRING_WITH_TIME;
        String text = DelimitedFields.format(context.time(), type, message.partSeparator(), message.fieldSeparator(), message.fields());
        FrameBuffer frame = new FrameBuffer(16 + text.length() * 3);
        Instant defaultTime = message.defaultTime();
        if (context.options().type6AlwaysTimed()) {
            if (defaultTime == null) {
                throw new DpFrameException("type 6 needs a default time: the codec is set to always send one");
            }
            frame.write(type.code());
        } else {
            frame.write(type.code() | (defaultTime == null ? 0 : FLAG_TIME));
        }
        if (defaultTime != null) {
            SixByteTime.write(defaultTime, context.options().zone(), frame, type);
        }
        int length = frame.reserve(2);
        writeUtf8(frame, text);
        return finishBody(frame, length, type);
    }

    private byte[] encodeFloatGroups(FloatGroupsMessage message) {
        List<FloatGroup> groups = message.groups();
        if (groups.isEmpty()) {
            throw new DpFrameException("type 7 has no float groups");
        }
        if (groups.size() > MAX_FLOAT_GROUPS) {
            throw new DpFrameException("type 7 has " + groups.size() + " streams; at most " + MAX_FLOAT_GROUPS
                    + " per message");
        }
        int size = 1 + (message.at() == null ? 0 : SixByteTime.LENGTH);
        for (int g = 0; g < groups.size(); g++) {
            FloatGroup group = groups.get(g);
            DpCodec.checkFloatStreamId(context.options(), group.streamId(), g);
            if (group.count() < 1 || group.count() > MAX_FLOATS_PER_GROUP) {
                throw new DpFrameException("type 7 group " + g + " (stream " + group.streamId() + ") has "
                        + group.count() + " floats; 1 to " + MAX_FLOATS_PER_GROUP + " allowed");
            }
            size += 4 + 4 * group.count();
        }
        FrameBuffer frame = new FrameBuffer(size);
        frame.write(DpType.FLOAT_GROUPS.code() | (message.at() == null ? 0 : FLAG_TIME));
        if (message.at() != null) {
            SixByteTime.write(message.at(), context.options().zone(), frame, DpType.FLOAT_GROUPS);
        }
        for (int g = 0; g < groups.size(); g++) {
            FloatGroup group = groups.get(g);
            frame.writeU16(group.streamId());
            frame.writeU16(group.count());
            for (int i = 0; i < group.count(); i++) {
                float value = group.value(i);
                if (!Float.isFinite(value)) {
                    throw new DpFrameException("type 7 stream " + group.streamId() + " value " + i + " is " + value
                            + "; OneNET needs a finite number");
                }
                int bits = Float.floatToIntBits(value);
                frame.write(bits);
                frame.write(bits >>> 8);
                frame.write(bits >>> 16);
                frame.write(bits >>> 24);
            }
        }
        return frame.toByteArray();
    }

    private static String streamId(String id, DpType type) {
        if (id == null || id.isBlank()) {
            throw new DpFrameException("type " + type.code() + " has a " + (id == null ? "null" : "empty")
                    + " datastream id");
        }
        return id;
    }

    private static void writeUtf8(FrameBuffer frame, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        frame.write(bytes, 0, bytes.length);
    }

    private static byte[] finishBody(FrameBuffer frame, int lengthPosition, DpType type) {
        int length = frame.size() - lengthPosition - 2;
        checkBodyLength(type, length);
        frame.setU16(lengthPosition, length);
        return frame.toByteArray();
    }

    private static void checkBodyLength(DpType type, int length) {
        if (length > MAX_JSON_BYTES) {
            String what = type == DpType.DELIMITED_STRING || type == DpType.DELIMITED_STRING_WITH_TIME ? "string"
                    : type == DpType.BINARY ? "descriptor JSON" : "JSON";
            throw new DpFrameException("type " + type.code() + " " + what + " is " + length
                    + " bytes; the u16 length field allows at most " + MAX_JSON_BYTES);
        }
    }
}
