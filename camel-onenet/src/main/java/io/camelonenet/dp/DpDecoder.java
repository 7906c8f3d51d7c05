package io.camelonenet.dp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.DatapointJsonReader;
import io.camelonenet.datapoint.InvalidDatapointException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.camelonenet.dp.DpCodec.FLAG_RESERVED;
import static io.camelonenet.dp.DpCodec.FLAG_TIME;
import static io.camelonenet.dp.DpCodec.MAX_BINARY_BYTES;
import static io.camelonenet.dp.DpCodec.MAX_FLOATS_PER_GROUP;
import static io.camelonenet.dp.DpCodec.MAX_FLOAT_GROUPS;

/**
 * Reads {@code $dp} frames back (docs/protocol-notes.md, `$dp` frames). Arbitrary bytes throw only {@link DpFrameException}, and
 * every length from the wire is checked against the bytes that remain before anything is allocated. Used through
 * {@link DpCodec}.
 */
final class DpDecoder {

    private final DpFrameContext context;
    private final DatapointJsonReader jsonReader;

    DpDecoder(DpFrameContext context) {
        this.context = context;
        this.jsonReader = new DatapointJsonReader(context.mapper(), context.time());
    }

    /** Reads the type of a frame from its first byte, without decoding the rest. */
    static DpType typeOf(byte[] frame) {
        if (frame == null || frame.length == 0) {
            throw new DpFrameException("$dp frame is empty");
        }
        return DpType.fromCode(frame[0] & DpType.TYPE_MASK);
    }

    DpMessage decode(byte[] frame) {
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
                    DelimitedFields.Parsed parts = DelimitedFields.parse(context.time(), type, text);
                    yield new DelimitedMessage(parts.part(), parts.field(), parts.fields());
                }
                case DELIMITED_STRING_WITH_TIME -> {
                    if (context.options().type6AlwaysTimed() && timed) {
                        throw new DpFrameException("type 6 byte 1 is 0x86, but the codec expects 0x06 followed by"
                                + " the time (type6AlwaysTimed)");
                    }
                    Instant defaultTime = timed || context.options().type6AlwaysTimed()
                            ? SixByteTime.read(in, context.options().zone(), type) : null;
                    String text = in.utf8(in.bodyLength("string"), "string");
                    DelimitedFields.Parsed parts = DelimitedFields.parse(context.time(), type, text);
                    yield new DelimitedWithTimeMessage(parts.part(), parts.field(), defaultTime, parts.fields());
                }
                case FLOAT_GROUPS -> decodeFloatGroups(in, timed ? SixByteTime.read(in, context.options().zone(), type) : null);
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
        return new BinaryMessage(stream.asText(), at == null ? null : context.time().parse(at.asText()),
                desc == null || desc.isNull() ? null : jsonReader.plain(desc), BinaryData.of(data));
    }

    private SimpleJsonMessage decodeSimpleJson(String json) {
        JsonNode root = parseJson(json, DpType.SIMPLE_JSON);
        if (!root.isObject() || root.isEmpty()) {
            throw new DpFrameException("type 3 JSON is not an object of datastream id to value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
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
        for (Map.Entry<String, JsonNode> stream : root.properties()) {
            if (stream.getKey().isBlank() || !stream.getValue().isObject() || stream.getValue().isEmpty()) {
                throw new DpFrameException("type 4 stream '" + stream.getKey() + "' is not an object of time to value");
            }
            for (Map.Entry<String, JsonNode> value : stream.getValue().properties()) {
                points.add(new Datapoint(stream.getKey(), context.time().parse(value.getKey()), jsonReader.plain(value.getValue())));
            }
        }
        return new TimedJsonMessage(points);
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
            DpCodec.checkFloatStreamId(context.options(), streamId, groups.size());
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
            JsonNode node = context.mapper().readTree(json);
            if (node == null) {
                throw new DpFrameException("type " + type.code() + " body is not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DpFrameException("type " + type.code() + " body is not JSON: " + e.getOriginalMessage());
        }
    }
}
