package io.camelonenet.buffer;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One buffer, seen by the routes: see {@link BufferComponent}. */
public class BufferEndpoint extends DefaultEndpoint {

    /** Header with the topic of a stored message, on the consumer's exchanges; on the producer it overrides topic. */
    public static final String TOPIC_HEADER = "OneNetTopic";

    private final UplinkBuffer buffer;
    private final Object appended = new Object();
    private String topic;
    private int batchSize = 100;

    BufferEndpoint(String uri, BufferComponent component, UplinkBuffer buffer) {
        super(uri, component);
        this.buffer = buffer;
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

    UplinkBuffer buffer() {
        return buffer;
    }

    void signalAppended() {
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    void awaitAppend(long millis) throws InterruptedException {
        synchronized (appended) {
            appended.wait(millis);
        }
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
