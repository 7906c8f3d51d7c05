package io.camelonenet.connection;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Where and how {@link PublishProducer} publishes: see {@link PublishComponent}. */
public class PublishEndpoint extends DefaultEndpoint {


    private final String topic;
    private DeviceConnection connection;
    private int qos = 1;
    private boolean retained;

    PublishEndpoint(String uri, PublishComponent component, String topic) {
        super(uri, component);
        this.topic = topic;
    }

    public String getTopic() {
        return topic;
    }

    public DeviceConnection getConnection() {
        return connection;
    }

    /** The device's connection ({@code #bean:onenetConnection} in the app). */
    public void setConnection(DeviceConnection connection) {
        this.connection = connection;
    }

    public int getQos() {
        return qos;
    }

    public void setQos(int qos) {
        this.qos = qos;
    }

    public boolean isRetained() {
        return retained;
    }

    public void setRetained(boolean retained) {
        this.retained = retained;
    }

    @Override
    public Producer createProducer() {
        return new PublishProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("onenet-publish only publishes; consume with the paho component on "
                + "the device's shared client");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
