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
    @UriParam
    private final PublishConfiguration configuration;

    PublishEndpoint(String uri, PublishComponent component, String topic, PublishConfiguration configuration) {
        super(uri, component);
        this.topic = topic;
        this.configuration = configuration;
    }

    public String getTopic() {
        return topic;
    }

    public PublishConfiguration getConfiguration() {
        return configuration;
    }

    public DeviceConnection getConnection() {
        return configuration.getConnection();
    }

    public GatewayConnections getGateway() {
        return configuration.getGateway();
    }

    public int getQos() {
        return configuration.getQos();
    }

    public boolean isRetained() {
        return configuration.isRetained();
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
