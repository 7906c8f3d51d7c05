package io.camelonenet.cluster;

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
 * The readings of the devices this instance owns in the cluster's Kafka consumer group (consumer only).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet-cluster", title = "OneNET Cluster Readings",
             syntax = "onenet-cluster:name", consumerOnly = true, category = { Category.IOT, Category.MESSAGING },
             headersClass = OneNetHeaders.class)
public class ClusterEndpoint extends DefaultEndpoint {

    @UriPath(description = "A name for the endpoint (an instance has one readings consumer)")
    @Metadata(required = true)
    private String name;

    @UriParam
    private final ClusterConfiguration configuration;

    ClusterEndpoint(String uri, ClusterComponent component, String name, ClusterConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    public ClusterConfiguration getConfiguration() {
        return configuration;
    }

    /** The checked options; a mistake names the option. */
    ClusterOptions options() {
        return configuration.options(getEndpointBaseUri());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public ClusterComponent getComponent() {
        return (ClusterComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("onenet-cluster is consumer only: readings come from Kafka");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new KafkaReadingsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
