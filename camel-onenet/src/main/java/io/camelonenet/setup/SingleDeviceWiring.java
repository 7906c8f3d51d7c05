package io.camelonenet.setup;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.health.DeviceReadinessCheck;
import io.camelonenet.health.OneNetMeters;
import io.camelonenet.health.DeviceCounters;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.route.ThingModel;
import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldSources;
import io.camelonenet.route.DesiredValues;
import io.camelonenet.studio.PlatformCalls;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.PropertyBacklog;
import io.camelonenet.studio.StudioTopics;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.Registry;

import java.util.List;
import java.util.function.Supplier;

import static io.camelonenet.setup.OneNetConfiguration.*;

/**
 * The standalone app's wiring of one device (legacy or current platform): its connection and shared Paho client,
 * its durable buffer, counters, the current platform's helpers, readiness and meters. The routes of
 * {@code routes/legacy/} and {@code routes/studio/} find the beans {@link OneNetConfiguration} lists.
 */
final class SingleDeviceWiring {

    private SingleDeviceWiring() {
    }

    /** @param topics the current platform's topics, or {@code null} on the legacy endpoint */
    static void configure(CamelContext context, OneNetSettings settings, StudioTopics topics, DesiredSettings desired)
            throws Exception {
        if (settings.emulatorEnabled()) {
            context.addService(emulator(settings), true, true);
        }
        Registry registry = context.getRegistry();
        SqliteUplinkBuffer buffer = DeviceWiring.uplinkBuffer(settings);
        DeviceCounters counters = new DeviceCounters();
        BufferComponent bufferComponent = new BufferComponent(buffer);
        registry.bind(BUFFER_BEAN, buffer);
        context.addComponent(BUFFER_COMPONENT, bufferComponent);
        registry.bind(COUNTERS_BEAN, counters);
        registry.bind(REFUSALS_BEAN, counters);
        context.addService(new UplinkBufferService(buffer, counters), true, true);

        PlatformReplies replies = null;
        if (topics != null) {
            replies = new PlatformReplies();
            registry.bind(REPLIES_BEAN, replies);
            registry.bind(STUDIO_DATAPOINTS_BEAN, DeviceWiring.studioDatapoints(settings, replies));
            registry.bind(THING_MODEL_BEAN, thingModel(topics, replies));
            registry.bind(STUDIO_BACKLOG_BEAN, new PropertyBacklog(topics));
        }

        DeviceConnection device = DeviceWiring.deviceConnection(settings, topics);
        registry.bind(CONNECTION_BEAN, device);
        device.bindClient(registry, CLIENT_BEAN);
        DownlinkQueue downlinkQueue = new DownlinkQueue(DeviceWiring.downlinkBudget(settings),
                topics != null ? device : null, single -> counters.commandRefused());
        registry.bind(DOWNLINK_QUEUE_BEAN, downlinkQueue);
        // the backlog goes out as soon as the device is back, not after the forwarder's backoff
        device.addStateListener(state -> {
            if (state == ConnectionState.CONNECTED) {
                bufferComponent.resume();
            }
        });
        if (!settings.emulatorEnabled()) {
            // log in while Camel loads the routes; with the emulator on, its broker starts with the context first
            device.startConnecting();
        }
        // started with the context, closed after the routes so the last replies still go out before the DISCONNECT
        context.addService(device, true, true);
        if (DeviceWiring.thingProduct(settings)) {
            context.addService(desiredValues(context, settings, topics, desired, device, replies), true, true);
        }
        Observability.register(context, new DeviceReadinessCheck(device, buffer, counters),
                () -> new OneNetMeters(device, buffer, counters, downlinkQueue.budget()));
    }

    /**
     * Desired values of the properties {@code onenet.desired.properties} names, or else of the points file's writable
     * points (read at each login: the file may have changed), applied by {@code direct:onenet-property-set}.
     */
    private static DesiredValues desiredValues(CamelContext context, OneNetSettings settings, StudioTopics topics,
                                               DesiredSettings desired, DeviceConnection device,
                                               PlatformReplies replies) {
        Supplier<List<String>> properties = !desired.properties().isEmpty() ? desired::properties : () -> {
            FieldSources field = context.getRegistry().lookupByNameAndType(PointsWiring.SOURCES_BEAN,
                    FieldSources.class);
            return field == null ? List.of() : field.sources().stream().flatMap(source -> source.points().stream())
                    .filter(FieldPoint::writable).map(FieldPoint::name).distinct().toList();
        };
        DesiredValues values = new DesiredValues(context, device, new PlatformCalls(device, replies,
                settings.replyTimeout()), topics, properties, DESIRED_APPLY_URI);
        context.getRegistry().bind(DESIRED_VALUES_BEAN, values);
        return values;
    }

    private static ThingModel thingModel(StudioTopics topics, PlatformReplies replies) {
        ThingModel thingModel = new ThingModel();
        thingModel.setReplies(replies);
        thingModel.setEventTopic(topics.eventPost());
        return thingModel;
    }

    /** The emulator of the test kit, which must be on the classpath when it is enabled. */
    private static Service emulator(OneNetSettings settings) {
        return LocalEmulator.find()
                .orElseThrow(() -> new ConfigurationException(OneNetSettings.EMULATOR_ENABLED, "is true (it is by "
                        + "default while onenet.broker-url points at " + settings.emulatorHost() + ":"
                        + settings.emulatorPort() + ") but the emulator is not on the classpath: add "
                        + "io.camelonenet:camel-onenet-emulator (in test scope), or set onenet.broker-url to your "
                        + "broker"))
                .forDevice(settings);
    }
}
