package io.camelonenet.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelonenet.datapoint.InvalidDatapointException;
import io.camelonenet.route.DatapointJsonBuilder;
import io.camelonenet.route.DpFramer;
import io.camelonenet.setup.OneNetSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The datapoint sink: the body (a map of stream to value, a list of datapoints, or either as JSON text) becomes the
 * device's post (legacy: {@code $dp} type 1, the full datapoint JSON; current platform: a {@code dp/post/json} or
 * property post with a fresh id) and is stored in the durable buffer. The exchange completes when it is on disk, its
 * body and headers as they came; the device's forwarder sends it, in order, as soon as the device is connected.
 */
final class DatapointSinkProducer extends DefaultProducer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceRuntime device;
    private final DatapointJsonBuilder datapointJson = new DatapointJsonBuilder();
    private final DpFramer framer = new DpFramer();
    private Producer buffer;

    DatapointSinkProducer(OneNetDeviceEndpoint endpoint, DeviceRuntime device) {
        super(endpoint);
        this.device = device;
        datapointJson.setTimeZone(device.settings().uplinkTimeZone());
    }

    @Override
    protected void doStart() throws Exception {
        buffer = device.bufferEndpoint().createProducer();
        ServiceHelper.startService(buffer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(buffer);
    }

    /**
     * Frames and stores a copy: a sink leaves the exchange as it came, so a step after it (a log of the body) still
     * sees the readings, not the binary frame.
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        Exchange post = exchange.copy();
        Message message = post.getMessage();
        message.setBody(datapoints(message.getBody()));
        device.counters().produced();
        if (device.settings().protocol() == OneNetSettings.Protocol.STUDIO) {
            device.studioDatapoints().request(post);
        } else {
            datapointJson.process(post);
            message.setBody(framer.frame(message.getBody(byte[].class)));
        }
        buffer.process(post);
    }

    /** JSON text (a Kamelet's usual body) read as the map or list it holds; anything else as it is. */
    private static Object datapoints(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : body instanceof String string ? string : null;
        if (text == null) {
            return body;
        }
        try {
            String trimmed = text.strip();
            return trimmed.startsWith("[") ? JSON.readValue(trimmed, List.class) : JSON.readValue(trimmed, Map.class);
        } catch (IOException e) {
            throw new InvalidDatapointException("the body is neither a map of stream to value nor a list of "
                    + "datapoints, as JSON: " + e.getMessage());
        }
    }
}
