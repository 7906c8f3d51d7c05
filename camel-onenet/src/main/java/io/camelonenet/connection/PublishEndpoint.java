package io.camelonenet.connection;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Publishes on a OneNET device's one connection without blocking the route for each PUBACK: Camel continues the
 * exchange when the PUBACK arrives, so a forwarder keeps a window of messages in flight, in order on the wire.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet-publish", title = "OneNET Publish",
             syntax = "onenet-publish:topic", producerOnly = true, category = { Category.IOT },
             headersClass = OneNetHeaders.class)
public class PublishEndpoint extends DefaultEndpoint {

    @UriPath(description = "The topic to publish to; the OneNetTopic header of a message wins (the topic the buffer"
            + " stored with it)")
    @Metadata(required = true)
    private final String topic;
    @UriParam(description = "The device's connection (#bean:onenetConnection in the app); or use gateway")
    private DeviceConnection connection;
    @UriParam(description = "A gateway's connections (#bean:onenetGateway in the app): each message goes out on the"
            + " connection of the device its OneNetDeviceId header names")
    private GatewayConnections gateway;
    @UriParam(defaultValue = "1", enums = "0,1,2", description = "MQTT QoS: at 1 the exchange completes after the"
            + " PUBACK (OneNET's legacy endpoint takes 0 and 1)")
    private int qos = 1;
    @UriParam(defaultValue = "false", description = "Publish with the retained flag (OneNET ignores it)")
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

    public GatewayConnections getGateway() {
        return gateway;
    }

    /** A gateway's connections ({@code #bean:onenetGateway} in the app). */
    public void setGateway(GatewayConnections gateway) {
        this.gateway = gateway;
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
