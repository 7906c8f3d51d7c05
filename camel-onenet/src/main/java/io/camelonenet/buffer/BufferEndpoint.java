package io.camelonenet.buffer;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One buffer, seen by the routes: see {@link BufferComponent}. */
public class BufferEndpoint extends DefaultEndpoint {


    private final UplinkBuffer buffer;
    private final WakeSignal appended;
    private final WakeSignal resumed;
    private String topic;
    private int batchSize = 100;
    private int window = 100;

    BufferEndpoint(String uri, BufferComponent component, UplinkBuffer buffer, WakeSignal appended,
                   WakeSignal resumed) {
        super(uri, component);
        this.buffer = buffer;
        this.appended = appended;
        this.resumed = resumed;
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

    UplinkBuffer buffer() {
        return buffer;
    }

    /** Rung when the forwarder should try again at once: the connection is back. */
    WakeSignal resumed() {
        return resumed;
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
        BufferConsumer consumer = new BufferConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
