package io.camelonenet.buffer;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A durable outbox on disk: the producer stores each message and completes once it is on disk; the consumer hands
 * the stored messages to its route in order, a window of them in flight, and deletes each only after it and every
 * earlier one completed (after the PUBACK, behind onenet-publish).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet-buffer", title = "OneNET Uplink Buffer",
             syntax = "onenet-buffer:name", category = { Category.IOT }, headersClass = OneNetHeaders.class)
public class BufferEndpoint extends DefaultEndpoint {

    @UriPath(description = "A name for the buffer's endpoints (the component has one buffer)")
    @Metadata(required = true)
    private String name;
    private final UplinkBuffer buffer;
    private final WakeSignal appended;
    private final Set<String> resumedDevices;
    private final Set<String> appendedDevices;
    @UriParam(label = "producer", description = "The topic stored with each message; the OneNetTopic header wins")
    private String topic;
    @UriParam(label = "consumer", defaultValue = "100", description = "How many messages the consumer reads per"
            + " round trip to the store")
    private int batchSize = 100;
    @UriParam(label = "consumer", defaultValue = "100", description = "How many messages may be in flight at once;"
            + " only an asynchronous producer in the route (onenet-publish) lets more than one go before the last"
            + " completed")
    private int window = 100;
    @UriParam(label = "consumer", defaultValue = "false", description = "A gateway's forwarder: each device's"
            + " messages in their own order with OneNetDeviceId set, a device that fails (offline, refused, slow) pausing"
            + " only its own; window is then per device")
    private boolean perDevice;
    @UriParam(label = "consumer", description = "The single device's forwarder: sends a backlog in fewer messages,"
            + " several waiting ones combined into one (a bean, e.g. #bean:studioBacklog: thing/history/post)")
    private BacklogCombiner combiner;

    BufferEndpoint(String uri, BufferComponent component, String name, UplinkBuffer buffer, WakeSignal appended,
                   Set<String> resumedDevices, Set<String> appendedDevices) {
        super(uri, component);
        this.name = name;
        this.buffer = buffer;
        this.appended = appended;
        this.resumedDevices = resumedDevices;
        this.appendedDevices = appendedDevices;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The topic stored with each message the producer receives. */
    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getTopic() {
        return topic;
    }

    /** How many messages the consumer reads per round trip to the store. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /**
     * How many messages may be in flight at once. Only an asynchronous producer in the route (onenet-publish) lets
     * the consumer hand off the next message before the last completed; behind a synchronous one (paho) it is one.
     */
    public void setWindow(int window) {
        this.window = window;
    }

    public int getWindow() {
        return window;
    }

    /** A gateway's forwarder: one lane per device (see {@link BufferForwarder}). */
    public void setPerDevice(boolean perDevice) {
        this.perDevice = perDevice;
    }

    public boolean isPerDevice() {
        return perDevice;
    }

    /** Several waiting messages combined into one; the single device's forwarder only. */
    public void setCombiner(BacklogCombiner combiner) {
        this.combiner = combiner;
    }

    public BacklogCombiner getCombiner() {
        return combiner;
    }

    /** The devices resumed since the last call. */
    List<String> takeResumed() {
        List<String> taken = new ArrayList<>();
        for (Iterator<String> it = resumedDevices.iterator(); it.hasNext(); ) {
            taken.add(it.next());
            it.remove();
        }
        return taken;
    }

    /** A gateway's devices with new messages; the per-device forwarder takes them out as it looks. */
    Set<String> appendedDevices() {
        return appendedDevices;
    }

    UplinkBuffer buffer() {
        return buffer;
    }

    WakeSignal appended() {
        return appended;
    }

    @Override
    public Producer createProducer() {
        return new BufferProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (combiner != null && perDevice) {
            throw new IllegalArgumentException(getEndpointUri() + ": combiner is for the single device's forwarder,"
                    + " not perDevice");
        }
        DefaultConsumer consumer = new BufferForwarder(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
