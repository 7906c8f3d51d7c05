package io.camelonenet.setup;

import io.camelonenet.field.FieldSource;
import io.camelonenet.field.FieldSources;
import io.camelonenet.field.InvalidPointsFileException;
import io.camelonenet.field.LastReported;
import io.camelonenet.field.PointRequests;
import io.camelonenet.field.PointsComponent;
import io.camelonenet.field.SourceDevice;
import io.camelonenet.health.FieldMeters;
import io.camelonenet.health.FieldReadinessCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Field devices for every mode: with {@code onenet.points.file} the points file is read and checked against the mode
 * (each source's device configured: the app's own, or one of the devices file), the {@code onenet-points} component
 * is registered for the bundled route {@code routes/common/points.camel.yaml}, and the routes' switch
 * ({@code onenet.points.enabled}, {@code onenet.uplink.simulated}) starts that route instead of the simulator's. A
 * cluster instance's readings go to its readings topic, as a collector's do.
 */
final class PointsWiring {

    static final String COMPONENT = "onenet-points";
    /** Derived for the routes: true with a points file (its route starts), false without (the simulator's does). */
    static final String ENABLED = "onenet.points.enabled";
    /** Derived for the routes: the opposite of {@link #ENABLED}. */
    static final String SIMULATED = "onenet.uplink.simulated";
    static final String SOURCES_BEAN = "fieldSources";
    /** Bound in every mode: without a points file its methods leave the downlink's answers as they were. */
    static final String REQUESTS_BEAN = "pointRequests";

    private PointsWiring() {
    }

    /**
     * @param devices the devices a source may name, as they are now (a gateway's file is re-read while running);
     *                {@code null} for a single device
     */
    static void configure(CamelContext context, PointsSettings points, OneNetMode mode, OneNetSettings settings,
                          Supplier<Collection<String>> devices) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty(ENABLED, Boolean.toString(points.enabled()));
        properties.addOverrideProperty(SIMULATED, Boolean.toString(!points.enabled()));
        PointRequests requests = new PointRequests();
        context.getRegistry().bind(REQUESTS_BEAN, requests);
        if (!points.enabled()) {
            return;
        }
        Consumer<List<FieldSource>> check = sources -> sources.forEach(source -> checkDevice(points, mode, settings,
                devices, source));
        List<FieldSource> sources;
        try {
            sources = FieldSources.read(points.file(), check);
        } catch (InvalidPointsFileException e) {
            throw new ConfigurationException(PointsSettings.FILE, "is not usable: " + e.getMessage());
        }
        LastReported last = LastReported.load(points.stateFile());
        last.retain(sources);
        FieldSources field = new FieldSources(points.file(), sources, check, last);
        context.getRegistry().bind(SOURCES_BEAN, field);
        requests.setSources(field);
        context.addComponent(COMPONENT, new PointsComponent(field));
        // started before the routes and stopped after them: the last values are written once no poll runs
        context.addService(field, true, true);
        Observability.register(context, new FieldReadinessCheck(field), () -> new FieldMeters(field));
    }

    private static void checkDevice(PointsSettings points, OneNetMode mode, OneNetSettings settings,
                                    Supplier<Collection<String>> devices, FieldSource source) {
        SourceDevice device = source.device();
        String where = "source '" + source.name() + "': ";
        if (mode.shape() == OneNetMode.Shape.DEVICE) {
            boolean own = device.own()
                    || !mode.studio() && !device.subDevice() && device.deviceId().equals(settings.clientId())
                    || mode.studio() && device.subDevice() && device.productId().equals(settings.productId())
                    && device.deviceName().equals(settings.clientId());
            if (!own) {
                throw new InvalidPointsFileException(points.file(), where + device + " is not the app's device ("
                        + (mode.studio() ? settings.productId() + "/" : "") + settings.clientId() + "); omit the"
                        + " device to mean it");
            }
            return;
        }
        if (device.own()) {
            throw new InvalidPointsFileException(points.file(), where + "names no device: a gateway's source gives "
                    + (mode.studio() ? "product-id and device-name of a sub-device" : "device, one of") + " the"
                    + " devices file");
        }
        if (device.subDevice() != mode.studio()) {
            throw new InvalidPointsFileException(points.file(), where + (mode.studio()
                    ? "a current-platform gateway's source gives product-id and device-name, not device"
                    : "a legacy gateway's source gives device, not product-id and device-name"));
        }
        if (!devices.get().contains(device.key())) {
            throw new InvalidPointsFileException(points.file(), where + device + " is not in the devices file");
        }
    }
}
