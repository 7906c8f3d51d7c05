package io.camelonenet.field;

import io.camelonenet.OneNetHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** The readings of a points file's field devices, one exchange per poll with values due ({@link PointsComponent}). */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet-points", title = "OneNET Field Points",
             syntax = "onenet-points:name", consumerOnly = true, category = { Category.IOT },
             headersClass = OneNetHeaders.class)
public class PointsEndpoint extends DefaultEndpoint {

    @UriPath(description = "A name for the endpoint (the component has one points file)")
    @Metadata(required = true)
    private String name;
    private final FieldSources sources;

    PointsEndpoint(String uri, PointsComponent component, String name, FieldSources sources) {
        super(uri, component);
        this.name = name;
        this.sources = sources;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("onenet-points is a consumer: its readings start a route");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PointsConsumer consumer = new PointsConsumer(this, processor, sources);
        configureConsumer(consumer);
        return consumer;
    }
}
