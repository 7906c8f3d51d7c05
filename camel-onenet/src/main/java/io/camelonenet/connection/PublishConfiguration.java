package io.camelonenet.connection;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The {@code onenet-publish} options, one class for the component and its endpoints: the connection set once on the
 * component ({@code camel.component.onenet-publish.connection=#bean:onenetConnection}) and the routes naming only
 * their topics, or set per endpoint.
 */
@UriParams
public class PublishConfiguration implements Cloneable {

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

    /** An endpoint's own copy, so that its URI options do not change the component's. */
    public PublishConfiguration copy() {
        try {
            return (PublishConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
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
}
