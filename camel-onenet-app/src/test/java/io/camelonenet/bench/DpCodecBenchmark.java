package io.camelonenet.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.dp.BinaryData;
import io.camelonenet.dp.BinaryMessage;
import io.camelonenet.dp.DelimitedField;
import io.camelonenet.dp.DelimitedMessage;
import io.camelonenet.dp.DelimitedWithTimeMessage;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.dp.DpMessage;
import io.camelonenet.dp.FloatGroup;
import io.camelonenet.dp.FloatGroupsMessage;
import io.camelonenet.dp.FullJsonMessage;
import io.camelonenet.dp.SimpleJsonMessage;
import io.camelonenet.dp.TimedJsonMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code $dp} codec, every type, small (one reading) and large (hundreds of values, or 1 MB of binary), encode and
 * decode. {@code jacksonAlone*} serialise the same type 1 JSON with Jackson only, as the baseline of the encoding target.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class DpCodecBenchmark {

    @Param({"1", "2", "3", "4", "5", "6", "7"})
    public int type;

    @Param({"small", "large"})
    public String size;

    private final DpCodec codec = new DpCodec();
    private DpMessage message;
    private byte[] frame;

    @Setup
    public void prepare() {
        int values = "small".equals(size) ? 3 : 300;
        message = message(type, values);
        frame = codec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(message);
    }

    @Benchmark
    public DpMessage decode() {
        return codec.decode(frame);
    }

    static DpMessage message(int type, int values) {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        List<Datapoint> points = new ArrayList<>();
        Map<String, Object> map = new LinkedHashMap<>();
        List<DelimitedField> fields = new ArrayList<>();
        List<FloatGroup> groups = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            points.add(Datapoint.of("stream" + (i % 10), now.plusSeconds(i / 10), 20.0 + i * 0.1));
            map.put("stream" + i, 20.0 + i * 0.1);
            fields.add(DelimitedField.of("stream" + i, Double.toString(20.0 + i * 0.1)));
        }
        for (int g = 0; g < Math.min(values, 500); g++) {
            groups.add(new FloatGroup(g + 1, new float[] {20.5f, 21.5f, 22.5f}));
        }
        return switch (type) {
            case 1 -> new FullJsonMessage(points);
            case 2 -> new BinaryMessage("image", now, "jpeg", BinaryData.of(new byte[values > 3 ? 1024 * 1024 : 1024]));
            case 3 -> new SimpleJsonMessage(map);
            case 4 -> new TimedJsonMessage(points);
            case 5 -> new DelimitedMessage(',', ';', fields);
            case 6 -> new DelimitedWithTimeMessage(',', ';', now, fields);
            default -> new FloatGroupsMessage(now, groups);
        };
    }

    /** Baselines for the type 1 target: the same JSON from Jackson alone, without the codec. */
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
    @State(Scope.Benchmark)
    public static class JacksonAlone {

        @Param({"small", "large"})
        public String size;

        private final ObjectMapper mapper = new ObjectMapper();
        private final OneNetTime time = new OneNetTime(OneNetTime.DEFAULT_ZONE);
        private final DpCodec codec = new DpCodec();
        private List<Datapoint> points;
        private FullJsonMessage message;
        /** What an app serialises without the codec: the datastreams document as maps and lists. */
        private Map<String, Object> document;

        private final java.time.format.DateTimeFormatter formatter =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(OneNetTime.DEFAULT_ZONE);

        @Setup
        public void prepare() {
            message = (FullJsonMessage) message(1, "small".equals(size) ? 3 : 300);
            points = message.datapoints();
            document = document(points, formatter);
        }

        private static Map<String, Object> document(List<Datapoint> points,
                                                    java.time.format.DateTimeFormatter formatter) {
            Map<String, List<Map<String, Object>>> streams = new LinkedHashMap<>();
            for (Datapoint point : points) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("at", formatter.format(point.at()));
                value.put("value", point.value());
                streams.computeIfAbsent(point.streamId(), id -> new ArrayList<>()).add(value);
            }
            List<Map<String, Object>> datastreams = new ArrayList<>();
            streams.forEach((id, values) -> {
                Map<String, Object> stream = new LinkedHashMap<>();
                stream.put("id", id);
                stream.put("datapoints", values);
                datastreams.add(stream);
            });
            return Map.of("datastreams", datastreams);
        }

        /** ObjectMapper.writeValueAsBytes of the document, already built and its times formatted: serialisation only. */
        @Benchmark
        public byte[] jacksonDatabind() throws IOException {
            return mapper.writeValueAsBytes(document);
        }

        /** What an app does without the codec: group the datapoints, format the times, writeValueAsBytes. */
        @Benchmark
        public byte[] jacksonDatabindFromDatapoints() throws IOException {
            return mapper.writeValueAsBytes(document(points, formatter));
        }

        /** Jackson's streaming generator writing the same JSON from the same datapoints, formatting their times. */
        @Benchmark
        public byte[] jacksonStreaming() throws IOException {
            ByteArrayBuilder buffer = new ByteArrayBuilder(256);
            try (JsonGenerator json = mapper.getFactory().createGenerator(buffer)) {
                json.writeStartObject();
                json.writeArrayFieldStart("datastreams");
                String current = null;
                for (Datapoint point : points) {
                    if (!point.streamId().equals(current)) {
                        if (current != null) {
                            json.writeEndArray();
                            json.writeEndObject();
                        }
                        current = point.streamId();
                        json.writeStartObject();
                        json.writeStringField("id", current);
                        json.writeArrayFieldStart("datapoints");
                    }
                    json.writeStartObject();
                    json.writeStringField("at", time.format(point.at()));
                    json.writeNumberField("value", (Double) point.value());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }
            return buffer.toByteArray();
        }

        private final io.camelonenet.datapoint.DatapointJsonWriter jsonWriter =
                new io.camelonenet.datapoint.DatapointJsonWriter(io.camelonenet.datapoint.DatapointJsonWriter.fastMapper(),
                        new OneNetTime(OneNetTime.DEFAULT_ZONE));

        /** The same JSON from the same datapoints through the same Jackson writer, without the frame around it. */
        @Benchmark
        public byte[] jacksonJsonOnly() {
            return jsonWriter.write(points);
        }

        /** The codec's type 1 encoding of the same datapoints, measured in the same run. */
        @Benchmark
        public byte[] codecType1() {
            return codec.encode(message);
        }
    }
}
