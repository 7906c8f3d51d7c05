package io.camelonenet.device;

import io.camelonenet.health.DeadLetterMeters;
import io.camelonenet.route.DeadLetters;
import io.camelonenet.setup.Observability;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.support.DeadLetterRoute;
import io.camelonenet.support.SecretKeywords;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code onenet:device?productId=...&authInfo=RAW(...)}: a OneNET device as a Camel endpoint. See
 * {@link OneNetDeviceConfiguration} for the options, set here for all endpoints or per endpoint; endpoints of the
 * same device share its {@link DeviceRuntime}.
 */
@Component("onenet")
public class OneNetDeviceComponent extends DefaultComponent {

    private final Map<String, DeviceRuntime> devices = new ConcurrentHashMap<>();
    private final Map<Path, DeadLetters> deadLetterFiles = new ConcurrentHashMap<>();
    @Metadata(description = "The options every endpoint starts from; each can also be set on its own, as"
            + " camel.component.onenet.broker-url for example")
    private OneNetDeviceConfiguration configuration = new OneNetDeviceConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OneNetDeviceEndpoint endpoint = new OneNetDeviceEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public OneNetDeviceConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(OneNetDeviceConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * The device's one runtime, created by the first endpoint that needs it (its buffer and uplink options apply); a
     * later endpoint of the same device that would log in differently is refused, since the device has one login.
     */
    DeviceRuntime runtime(OneNetDeviceEndpoint endpoint) throws Exception {
        OneNetSettings settings = endpoint.settings();
        DeviceRuntime runtime = devices.computeIfAbsent(settings.clientId(), id -> new DeviceRuntime(getCamelContext(),
                settings, deadLetters(id, endpoint.getConfiguration().getDeadLetterUri(), settings)));
        if (!sameLogin(runtime.settings(), settings)) {
            throw new IllegalArgumentException(endpoint.getEndpointBaseUri() + ": device " + settings.clientId()
                    + " is already used by another onenet endpoint with another login (protocol, brokerUrl, productId,"
                    + " credentials or tlsCa); give both the same");
        }
        if (!runtime.settings().uplinkKind().equals(settings.uplinkKind())) {
            // it decides what the device subscribes to: the thing model's requests come only to a properties device
            throw new IllegalArgumentException(endpoint.getEndpointBaseUri() + ": device " + settings.clientId()
                    + " is already used by another onenet endpoint with uplinkKind "
                    + runtime.settings().uplinkKind() + "; give both the same");
        }
        ServiceHelper.startService(runtime);
        return runtime;
    }

    /**
     * Where the device's dead letters go: the endpoint its deadLetterUri names, else the dead-letter files, one bound
     * per folder whichever devices share it.
     */
    private DeadLetterRoute deadLetters(String device, String uri, OneNetSettings settings) {
        String route = "onenet:" + device;
        if (uri != null && !uri.isBlank()) {
            return DeadLetterRoute.to(getCamelContext(), route, uri);
        }
        DeadLetters files = deadLetterFiles.computeIfAbsent(settings.deadLetterDir().toAbsolutePath().normalize(),
                directory -> {
                    DeadLetters letters = new DeadLetters(settings.deadLetterDir(), settings.deadLetterMaxBytes());
                    try {
                        Observability.registerMeters(getCamelContext(), () -> new DeadLetterMeters(letters));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot register the dead letters' meters", e);
                    }
                    return letters;
                });
        return DeadLetterRoute.toFiles(getCamelContext(), route, files);
    }

    private static boolean sameLogin(OneNetSettings a, OneNetSettings b) {
        return a.protocol() == b.protocol() && a.brokerUrl().equals(b.brokerUrl())
                && a.productId().equals(b.productId()) && java.util.Objects.equals(a.authInfo(), b.authInfo())
                && java.util.Objects.equals(a.studio(), b.studio()) && java.util.Objects.equals(a.tlsCa(), b.tlsCa());
    }

    /** Before any endpoint: camel-main lists the endpoints' placeholders once the routes started, secrets masked. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        SecretKeywords.register(getCamelContext());
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(devices.values());
        devices.clear();
        deadLetterFiles.clear();
        super.doStop();
    }
}
