package io.camelonenet.route;

import io.camelonenet.datapoint.ReadingTime;
import org.apache.camel.spi.annotations.Dataformat;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.dp.DpCodec;
import io.camelonenet.dp.DpCodecOptions;
import io.camelonenet.dp.DpFrameException;
import io.camelonenet.dp.DpMessage;
import io.camelonenet.dp.DpType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * OneNET's {@code $dp} frames as a Camel data format named {@code onenet-dp}: {@code marshal} turns a body into a frame
 * of any of the seven types, {@code unmarshal} turns a frame into a {@link DpMessage}.
 *
 * <p>The type comes from the {@value OneNetHeaders#DP_TYPE} header when set, else from {@link #setType(int) type} (default 1).
 * YAML: {@code marshal: {custom: {ref: onenet-dp}}} for the defaults, or a bean of this class with properties for
 * others; Java: {@code .marshal(new OneNetDpDataFormat().type(3))}.
 */
@Dataformat("onenet-dp")
public class OneNetDpDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    public static final String NAME = "onenet-dp";

    private DpType type = DpType.FULL_JSON;
    private String timeZone = OneNetTime.DEFAULT_ZONE.getId();
    private OneNetTime.Style timeStyle = OneNetTime.Style.T;
    private boolean type6AlwaysTimed;
    private boolean floatStreamIdZeroAllowed;
    private char partSeparator = ',';
    private char fieldSeparator = ';';
    private volatile DpCodec codec;
    private volatile OneNetTime time;

    @Override
    public String getDataFormatName() {
        return NAME;
    }

    public OneNetDpDataFormat type(int code) {
        setType(code);
        return this;
    }

    /** The {@code $dp} type, 1 to 7. */
    public void setType(int code) {
        this.type = DpType.fromCode(code);
    }

    public int getType() {
        return type.code();
    }

    public void setTimeZone(String zoneId) {
        OneNetTime.zone(zoneId);
        this.timeZone = zoneId;
        codec = null;
    }

    /** {@code T} (default, {@code 2015-03-22T22:31:12}) or {@code SPACE} ({@code 2015-03-22 22:31:12}). */
    public void setTimeStyle(String style) {
        this.timeStyle = OneNetTime.Style.valueOf(style.trim().toUpperCase(Locale.ROOT));
        codec = null;
    }

    /** Type 6 as the spec's table draws it: byte 0x06 and always six time bytes. */
    public void setType6AlwaysTimed(boolean always) {
        this.type6AlwaysTimed = always;
        codec = null;
    }

    /** Type 7 stream id 0, as the official SDK's sample sends (the spec says 1-65535). */
    public void setFloatStreamIdZeroAllowed(boolean allowed) {
        this.floatStreamIdZeroAllowed = allowed;
        codec = null;
    }

    /** Types 5 and 6: separates stream, time and value inside a field (default {@code ,}). */
    public void setPartSeparator(String separator) {
        this.partSeparator = single(separator, "partSeparator");
    }

    /** Types 5 and 6: separates fields (default {@code ;}). */
    public void setFieldSeparator(String separator) {
        this.fieldSeparator = single(separator, "fieldSeparator");
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        stream.write(frame(exchange, graph));
    }

    /** The frame for this exchange's body, as one array (what a paho producer sends). */
    public byte[] frame(Exchange exchange, Object body) {
        Message message = exchange.getMessage();
        DpType chosen = type;
        Object header = message.getHeader(OneNetHeaders.DP_TYPE);
        if (header != null) {
            chosen = DpType.fromCode(message.getHeader(OneNetHeaders.DP_TYPE, Integer.class));
        }
        DpMessageBodies.Context context = new DpMessageBodies.Context(
                ReadingTime.of(exchange), time(), partSeparator, fieldSeparator,
                message.getHeader(OneNetHeaders.DP_STREAM, String.class), message.getHeader(OneNetHeaders.DP_DESCRIPTION),
                message.getHeader(OneNetHeaders.DP_TIME), message.getHeader(OneNetHeaders.DP_BINARY_LENGTH, Long.class));
        return codec().encode(DpMessageBodies.toMessage(chosen, body, context));
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        byte[] frame = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        DpMessage decoded = codec().decode(frame);
        exchange.getMessage().setHeader(OneNetHeaders.DP_TYPE, decoded.type().code());
        return decoded;
    }

    private DpCodec codec() {
        DpCodec current = codec;
        if (current == null) {
            DpCodecOptions options = new DpCodecOptions(OneNetTime.zone(timeZone), timeStyle, type6AlwaysTimed,
                    floatStreamIdZeroAllowed);
            current = new DpCodec(options);
            time = new OneNetTime(options.zone(), timeStyle);
            codec = current;
        }
        return current;
    }

    private OneNetTime time() {
        codec();
        return time;
    }

    private static char single(String text, String name) {
        if (text == null || text.length() != 1) {
            throw new DpFrameException(name + " must be one character, not '" + text + "'");
        }
        return text.charAt(0);
    }

    @Override
    protected void doStart() {
        codec();
    }

    @Override
    protected void doStop() {
        // stateless apart from the codec, which holds no resources
    }
}
