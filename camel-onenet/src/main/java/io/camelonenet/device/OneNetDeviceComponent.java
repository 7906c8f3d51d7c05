package io.camelonenet.device;

import io.camelonenet.setup.OneNetSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code onenet:device?productId=...&authInfo=RAW(...)}: a OneNET device as a Camel endpoint. See
 * {@link OneNetDeviceEndpoint} for the options; endpoints of the same device share its {@link DeviceRuntime}.
 */
@Component("onenet")
public class OneNetDeviceComponent extends DefaultComponent {

    private final Map<String, DeviceRuntime> devices = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OneNetDeviceEndpoint endpoint = new OneNetDeviceEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The device's one runtime, created by the first endpoint that needs it; a later endpoint of the same device with
     * different settings is refused, since the device can only log in one way.
     */
    DeviceRuntime runtime(OneNetDeviceEndpoint endpoint) throws Exception {
        OneNetSettings settings = endpoint.settings();
        DeviceRuntime runtime = devices.computeIfAbsent(settings.clientId(),
                id -> new DeviceRuntime(getCamelContext(), settings));
        if (!runtime.settings().equals(settings)) {
            throw new IllegalArgumentException(endpoint.getEndpointBaseUri() + ": device " + settings.clientId()
                    + " is already used by another onenet endpoint with other options; give both the same options");
        }
        ServiceHelper.startService(runtime);
        return runtime;
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(devices.values());
        devices.clear();
        super.doStop();
    }
}
