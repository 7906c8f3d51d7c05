package io.camelonenet.dp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointJsonReader;
import io.camelonenet.datapoint.DatapointJsonWriter;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.datapoint.OneNetTime;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OneNET's {@code $dp} wire format, all seven types (onenet-protocol.md §2): {@link #encode} builds a frame from a
 * {@link DpMessage}, {@link #decode} reads one back. Lengths are big-endian and count UTF-8 bytes; only type 7's
 * floats are little-endian.
 *
 * <p>Encoding refuses what OneNET would refuse or silently corrupt (a separator inside a field, a body over its length
 * field, a binary over 3 MB, a time outside 2000-2099, a type 7 id or count out of range) with an exception naming the
 * field; it never truncates. Decoding arbitrary bytes throws only {@link DpFrameException}, and every length from the
 * wire is checked against the bytes that remain before anything is allocated.
 *
 * <p>Thread-safe; create one per set of {@link DpCodecOptions} and share it.
 */
public final class DpCodec {

    /** The u16 length field of types 1-6 caps a JSON or string body at this many bytes. */
    public static final int MAX_JSON_BYTES = 0xFFFF;
    /** "该域目前最大支持3M": the binary of type 2. */
    public static final int MAX_BINARY_BYTES = 3 * 1024 * 1024;
    /** Type 7: at most 500 streams per message, and 1-500 floats per stream. */
    public static final int MAX_FLOAT_GROUPS = 500;
    public static final int MAX_FLOATS_PER_GROUP = 500;

    /** Bit 7 of byte 1: types 6 and 7 carry six time bytes. */
    static final int FLAG_TIME = 0x80;
    /** Bit 6 of byte 1: reserved, always 0. */
    static final int FLAG_RESERVED = 0x40;

    private static final int JSON_HEADER_BYTES = 3;

    private final DpCodecOptions options;
    private final ObjectMapper mapper = DatapointJsonWriter.fastMapper();
    private final OneNetTime time;
    private final DatapointJsonWriter jsonWriter;
    private final DatapointJsonReader jsonReader;

    public DpCodec() {
        this(DpCodecOptions.DEFAULTS);
    }

    public DpCodec(DpCodecOptions options) {
        this.options = options;
        this.time = new OneNetTime(options.zone(), options.timeStyle());
        this.jsonWriter = new DatapointJsonWriter(mapper, time);
        this.jsonReader = new DatapointJsonReader(mapper, time);
    }

    public DpCodecOptions options() {
        return options;
    }

    // ---------------------------------------------------------------------------------------------------- encoding

    public byte[] encode(DpMessage message) {
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

    /** Frames JSON that is already UTF-8 bytes as a type 1 payload. */
    public static byte[] encodeFullJson(byte[] utf8Json) {
        return encodeJson(DpType.FULL_JSON, utf8Json);
    }

    /** Frames JSON that is already UTF-8 bytes as a payload of type 1, 3 or 4. */
    public static byte[] encodeJson(DpType type, byte[] utf8Json) {
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
        try (JsonGenerator json = mapper.getFactory().createGenerator(frame)) {
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
            String at = time.format(point.at());
            if (streams.computeIfAbsent(stream, s -> new LinkedHashMap<>()).put(at, point.value()) != null) {
                throw new DpFrameException("type 4 stream '" + stream + "' has two values at " + at);
            }
        }
        FrameBuffer frame = new FrameBuffer(32 + 48 * points.size());
        frame.write(DpType.SIMPLE_JSON_WITH_TIME.code());
        int length = frame.reserve(2);
        try (JsonGenerator json = mapper.getFactory().createGenerator(frame)) {
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
        try (JsonGenerator json = mapper.getFactory().createGenerator(descriptor)) {
            json.writeStartObject();
            json.writeStringField("ds_id", stream);
            if (message.at() != null) {
                json.writeStringField("at", time.format(message.at()));
            }
            if (message.description() != null) {
                json.writeFieldName("desc");
                mapper.writeValue(json, message.description());
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
        String text = delimitedText(DpType.DELIMITED_STRING, message.partSeparator(), message.fieldSeparator(),
                message.fields());
        FrameBuffer frame = new FrameBuffer(8 + text.length() * 3);
        frame.write(DpType.DELIMITED_STRING.code());
        int length = frame.reserve(2);
        writeUtf8(frame, text);
        return finishBody(frame, length, DpType.DELIMITED_STRING);
    }

    private byte[] encodeDelimitedWithTime(DelimitedWithTimeMessage message) {
        DpType type = DpType.DELIMITED_STRING_WITH_TIME;
        String text = delimitedText(type, message.partSeparator(), message.fieldSeparator(), message.fields());
        FrameBuffer frame = new FrameBuffer(16 + text.length() * 3);
        Instant defaultTime = message.defaultTime();
        if (options.type6AlwaysTimed()) {
            if (defaultTime == null) {
                throw new DpFrameException("type 6 needs a default time: the codec is set to always send one");
            }
            frame.write(type.code());
        } else {
            frame.write(type.code() | (defaultTime == null ? 0 : FLAG_TIME));
        }
        if (defaultTime != null) {
            SixByteTime.write(defaultTime, options.zone(), frame, type);
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
            checkFloatStreamId(group.streamId(), g);
            if (group.count() < 1 || group.count() > MAX_FLOATS_PER_GROUP) {
                throw new DpFrameException("type 7 group " + g + " (stream " + group.streamId() + ") has "
                        + group.count() + " floats; 1 to " + MAX_FLOATS_PER_GROUP + " allowed");
            }
            size += 4 + 4 * group.count();
        }
        FrameBuffer frame = new FrameBuffer(size);
        frame.write(DpType.FLOAT_GROUPS.code() | (message.at() == null ? 0 : FLAG_TIME));
        if (message.at() != null) {
            SixByteTime.write(message.at(), options.zone(), frame, DpType.FLOAT_GROUPS);
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

    private String delimitedText(DpType type, char part, char field, List<DelimitedField> fields) {
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

    private void checkFloatStreamId(int streamId, int group) {
        int lowest = options.floatStreamIdZeroAllowed() ? 0 : 1;
        if (streamId < lowest || streamId > 0xFFFF) {
            throw new DpFrameException("type 7 group " + group + " stream id " + streamId + " is outside "
                    + lowest + "-65535");
        }
    }

    private static String streamId(String id, DpType type) {
        if (id == null || id.isBlank()) {
            throw new DpFrameException("type " + type.code() + " has a " + (id == null ? "null" : "empty")
                    + " datastream id");
        }
        return id;
    }

    private static void writeUtf8(FrameBuffer frame, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

    // ---------------------------------------------------------------------------------------------------- decoding

    /** Reads the type of a frame from its first byte, without decoding the rest. */
    public static DpType typeOf(byte[] frame) {
        if (frame == null || frame.length == 0) {
            throw new DpFrameException("$dp frame is empty");
        }
        return DpType.fromCode(frame[0] & DpType.TYPE_MASK);
    }

    public DpMessage decode(byte[] frame) {
        DpType type = typeOf(frame);
        int flags = frame[0] & (FLAG_TIME | FLAG_RESERVED);
        boolean timed = (flags & FLAG_TIME) != 0;
        if ((flags & FLAG_RESERVED) != 0 || (timed && type != DpType.DELIMITED_STRING_WITH_TIME
                && type != DpType.FLOAT_GROUPS)) {
            throw new DpFrameException("type " + type.code() + " does not allow flag bits 0x"
                    + Integer.toHexString(flags) + " in byte 1 (0x" + Integer.toHexString(frame[0] & 0xFF) + ")");
        }
        FrameReader in = new FrameReader(frame, type);
        try {
            return switch (type) {
                case FULL_JSON -> new FullJsonMessage(jsonReader.read(in.utf8(in.bodyLength("JSON"), "JSON")));
                case BINARY -> decodeBinary(in);
                case SIMPLE_JSON -> decodeSimpleJson(in.utf8(in.bodyLength("JSON"), "JSON"));
                case SIMPLE_JSON_WITH_TIME -> decodeTimedJson(in.utf8(in.bodyLength("JSON"), "JSON"));
                case DELIMITED_STRING -> {
                    String text = in.utf8(in.bodyLength("string"), "string");
                    DelimitedParts parts = parseDelimited(type, text);
                    yield new DelimitedMessage(parts.part, parts.field, parts.fields);
                }
                case DELIMITED_STRING_WITH_TIME -> {
                    if (options.type6AlwaysTimed() && timed) {
                        throw new DpFrameException("type 6 byte 1 is 0x86, but the codec expects 0x06 followed by"
                                + " the time (type6AlwaysTimed)");
                    }
                    Instant defaultTime = timed || options.type6AlwaysTimed()
                            ? SixByteTime.read(in, options.zone(), type) : null;
                    String text = in.utf8(in.bodyLength("string"), "string");
                    DelimitedParts parts = parseDelimited(type, text);
                    yield new DelimitedWithTimeMessage(parts.part, parts.field, defaultTime, parts.fields);
                }
                case FLOAT_GROUPS -> decodeFloatGroups(in, timed ? SixByteTime.read(in, options.zone(), type) : null);
            };
        } catch (InvalidDatapointException e) {
            throw new DpFrameException("type " + type.code() + " " + e.getMessage());
        }
    }

    private BinaryMessage decodeBinary(FrameReader in) {
        int descriptorLength = in.u16("descriptor length");
        if (descriptorLength == 0) {
            throw new DpFrameException("type 2 descriptor JSON is empty");
        }
        JsonNode descriptor = parseJson(in.utf8(descriptorLength, "descriptor JSON"), DpType.BINARY);
        JsonNode stream = descriptor.get("ds_id");
        if (!descriptor.isObject() || stream == null || !stream.isTextual() || stream.asText().isBlank()) {
            throw new DpFrameException("type 2 descriptor has no \"ds_id\" string");
        }
        JsonNode at = descriptor.get("at");
        if (at != null && !at.isTextual()) {
            throw new DpFrameException("type 2 descriptor \"at\" is not a string");
        }
        JsonNode desc = descriptor.get("desc");
        long binaryLength = in.u32("binary length");
        if (binaryLength > MAX_BINARY_BYTES) {
            throw new DpFrameException("type 2 binary length " + binaryLength + " is over OneNET's limit of "
                    + MAX_BINARY_BYTES + " bytes (3 MB)");
        }
        if (binaryLength != in.remaining()) {
            throw new DpFrameException("type 2 binary length " + binaryLength + " does not match the "
                    + in.remaining() + " bytes that follow");
        }
        byte[] data = in.bytes(binaryLength, "binary");
        return new BinaryMessage(stream.asText(), at == null ? null : time.parse(at.asText()),
                desc == null || desc.isNull() ? null : jsonReader.plain(desc), BinaryData.of(data));
    }

    private SimpleJsonMessage decodeSimpleJson(String json) {
        JsonNode root = parseJson(json, DpType.SIMPLE_JSON);
        if (!root.isObject() || root.isEmpty()) {
            throw new DpFrameException("type 3 JSON is not an object of datastream id to value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().isBlank() || entry.getValue().isNull()) {
                throw new DpFrameException("type 3 has an empty stream id or a null value");
            }
            values.put(entry.getKey(), jsonReader.plain(entry.getValue()));
        }
        return new SimpleJsonMessage(values);
    }

    private TimedJsonMessage decodeTimedJson(String json) {
        JsonNode root = parseJson(json, DpType.SIMPLE_JSON_WITH_TIME);
        if (!root.isObject() || root.isEmpty()) {
            throw new DpFrameException("type 4 JSON is not an object of datastream id to {time: value}");
        }
        List<Datapoint> points = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> streams = root.fields(); streams.hasNext(); ) {
            Map.Entry<String, JsonNode> stream = streams.next();
            if (stream.getKey().isBlank() || !stream.getValue().isObject() || stream.getValue().isEmpty()) {
                throw new DpFrameException("type 4 stream '" + stream.getKey() + "' is not an object of time to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> values = stream.getValue().fields(); values.hasNext(); ) {
                Map.Entry<String, JsonNode> value = values.next();
                points.add(new Datapoint(stream.getKey(), time.parse(value.getKey()), jsonReader.plain(value.getValue())));
            }
        }
        return new TimedJsonMessage(points);
    }

    private record DelimitedParts(char part, char field, List<DelimitedField> fields) {
    }

    private DelimitedParts parseDelimited(DpType type, String text) {
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
            fields.add(parseField(type, fields.size(), text.substring(start, end), part));
            start = end + 1;
        }
        return new DelimitedParts(part, field, fields);
    }

    private DelimitedField parseField(DpType type, int index, String text, char part) {
        if (text.isEmpty()) {
            throw new DpFrameException("type " + type.code() + " field " + index + " is empty");
        }
        String[] parts = text.split(java.util.regex.Pattern.quote(String.valueOf(part)), -1);
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

    private FloatGroupsMessage decodeFloatGroups(FrameReader in, Instant at) {
        List<FloatGroup> groups = new ArrayList<>();
        if (in.remaining() == 0) {
            throw new DpFrameException("type 7 has no float groups");
        }
        while (in.remaining() > 0) {
            if (groups.size() == MAX_FLOAT_GROUPS) {
                throw new DpFrameException("type 7 has more than " + MAX_FLOAT_GROUPS + " streams");
            }
            int streamId = in.u16("stream id");
            checkFloatStreamId(streamId, groups.size());
            int count = in.u16("float count");
            if (count < 1 || count > MAX_FLOATS_PER_GROUP) {
                throw new DpFrameException("type 7 stream " + streamId + " float count " + count + " is outside 1-"
                        + MAX_FLOATS_PER_GROUP);
            }
            if ((long) count * 4 > in.remaining()) {
                throw new DpFrameException("type 7 stream " + streamId + " claims " + count + " floats but only "
                        + in.remaining() + " bytes remain");
            }
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = in.floatLittleEndian("float");
            }
            groups.add(new FloatGroup(streamId, values));
        }
        return new FloatGroupsMessage(at, groups);
    }

    private JsonNode parseJson(String json, DpType type) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null) {
                throw new DpFrameException("type " + type.code() + " body is not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DpFrameException("type " + type.code() + " body is not JSON: " + e.getOriginalMessage());
        }
    }
}
