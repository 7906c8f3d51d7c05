package io.camelonenet.connection;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code onenet-publish:topic?connection=#bean:onenetConnection&qos=1}: publishes on a device's one connection without
 * waiting for each PUBACK. camel-paho's producer blocks the route until the broker answered, so a forwarder behind it
 * has one message in flight; this producer is asynchronous (Camel continues the exchange when the PUBACK arrives), so
 * a consumer that keeps several exchanges going, like the uplink buffer's forwarder, gets a window of them in flight,
 * in order on the wire.
 */
@Component("onenet-publish")
public class PublishComponent extends DefaultComponent {

    @Metadata(description = "The options every endpoint starts from; each can also be set on its own, as"
            + " camel.component.onenet-publish.connection for example")
    private PublishConfiguration configuration = new PublishConfiguration();

    public PublishConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PublishConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PublishEndpoint endpoint = new PublishEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        if ((endpoint.getConnection() == null) == (endpoint.getGateway() == null)) {
            throw new IllegalArgumentException(uri + ": give one of the options connection (a device: #bean:name of a "
                    + DeviceConnection.class.getSimpleName() + ") or gateway (#bean:name of a "
                    + GatewayConnections.class.getSimpleName() + ")");
        }
        if (endpoint.getQos() < 0 || endpoint.getQos() > 2) {
            throw new IllegalArgumentException(uri + ": qos must be 0, 1 or 2, not " + endpoint.getQos());
        }
        return endpoint;
    }
}
