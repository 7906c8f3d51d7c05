package io.camelonenet.device;

import io.camelonenet.setup.OneNetSettings;
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
 * A OneNET device: send datapoints to it (the body a map of stream to value, a list of datapoints, or that as JSON
 * text), or consume its commands (each reply sent when the exchange completes: the {@code OneNetReply} header, else
 * {@code ok}). Its options are a copy of the component's {@link OneNetDeviceConfiguration}, changed by its URI.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet", title = "OneNET Device", syntax = "onenet:device",
             category = { Category.IOT }, headersClass = io.camelonenet.OneNetHeaders.class)
public class OneNetDeviceEndpoint extends DefaultEndpoint {

    @UriPath(description = "The device: on the legacy endpoint its device id (the MQTT client id), on the current"
            + " platform its device name")
    @Metadata(required = true)
    private final String device;
    @UriParam
    private final OneNetDeviceConfiguration configuration;

    OneNetDeviceEndpoint(String uri, OneNetDeviceComponent component, String device,
                         OneNetDeviceConfiguration configuration) {
        super(uri, component);
        this.device = device;
        this.configuration = configuration;
    }

    @Override
    public OneNetDeviceComponent getComponent() {
        return (OneNetDeviceComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new DatapointSinkProducer(this, getComponent().runtime(this));
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CommandSourceConsumer consumer = new CommandSourceConsumer(this, processor, getComponent().runtime(this));
        configureConsumer(consumer);
        return consumer;
    }

    /** The options as the app's checked settings; a mistake names the option. */
    OneNetSettings settings() {
        return configuration.settings(device);
    }

    public String getDevice() {
        return device;
    }

    public OneNetDeviceConfiguration getConfiguration() {
        return configuration;
    }
}
