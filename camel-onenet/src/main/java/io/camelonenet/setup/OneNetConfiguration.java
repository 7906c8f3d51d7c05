package io.camelonenet.setup;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.TlsTrust;
import io.camelonenet.health.DeviceReadinessCheck;
import io.camelonenet.health.OneNetMeters;
import io.camelonenet.health.DeadLetterMeters;
import io.camelonenet.inbound.EscapedRouteLogs;
import io.camelonenet.route.DeadLetters;
import io.camelonenet.route.DeviceCounters;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.route.ThingModel;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioPublishRules;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.TokenPasswordSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The standalone app's wiring: the beans the YAML routes use that need the checked configuration, one short method
 * each. Beans that need none are declared in the route files' {@code beans:} instead.
 *
 * <table>
 *   <caption>What the routes find in the registry</caption>
 *   <tr><th>Name</th><th>What</th><th>Used by</th></tr>
 *   <tr><td>{@code onenetConnection}</td><td>the device's one MQTT connection</td><td>{@code onenet-publish}</td></tr>
 *   <tr><td>{@code onenetClient}</td><td>its shared Paho client</td><td>every {@code paho:} endpoint</td></tr>
 *   <tr><td>{@code onenet-buffer}</td><td>the durable uplink buffer, as a component</td><td>uplink and forwarder</td></tr>
 *   <tr><td>{@code uplinkBuffer}</td><td>the same buffer, as a bean</td><td>embedders, readiness check</td></tr>
 *   <tr><td>{@code deviceCounters}</td><td>readings and commands counted by the routes</td><td>all routes</td></tr>
 *   <tr><td>{@code platformReplies}</td><td>current platform: answers matched to requests</td><td>studio downlink</td></tr>
 *   <tr><td>{@code studioDatapoints}</td><td>current platform: posts and their answers</td><td>studio uplink</td></tr>
 *   <tr><td>{@code thingModel}</td><td>current platform: OneJSON requests and replies</td><td>studio thing model</td></tr>
 *   <tr><td>{@code downlinkQueue}</td><td>the bound of the downlink's hand-off queue</td><td>downlink</td></tr>
 *   <tr><td>{@code deadLetters}</td><td>the dead letters' names and bound on disk</td><td>dead-letter route</td></tr>
 * </table>
 *
 * <p>It also derives from {@code onenet.protocol} the properties the routes read: {@code onenet.uplink.topic} and
 * {@code onenet.inbound.topic} (the bundled configuration picks the route folder, {@code routes/legacy/} or
 * {@code routes/studio/}, from the same key), starts the emulator when enabled (from the test kit, see {@link LocalEmulator}), and registers the readiness check.
 */
public class OneNetConfiguration implements CamelConfiguration {

    public static final String CONNECTION_BEAN = "onenetConnection";
    public static final String CLIENT_BEAN = "onenetClient";
    public static final String BUFFER_COMPONENT = "onenet-buffer";
    public static final String BUFFER_BEAN = "uplinkBuffer";
    public static final String COUNTERS_BEAN = "deviceCounters";
    public static final String REPLIES_BEAN = "platformReplies";
    public static final String STUDIO_DATAPOINTS_BEAN = "studioDatapoints";
    public static final String THING_MODEL_BEAN = "thingModel";
    public static final String DOWNLINK_QUEUE_BEAN = "downlinkQueue";
    public static final String DEAD_LETTERS_BEAN = "deadLetters";

    private static final Logger LOG = LoggerFactory.getLogger(OneNetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        OneNetSettings settings = OneNetSettings.read(new SettingsLookup(properties));
        LOG.info("Configuration: {}", settings);
        if (!settings.emulatorEnabled() && settings.brokerIsEmulatorAddress() && LocalEmulator.find().isEmpty()) {
            LOG.warn("{} is the local emulator's address ({}), and the emulator is not part of this app: start one "
                    + "(java -jar target/camel-onenet.jar emulator, in the project's repository) or set {} to OneNET's",
                    OneNetSettings.BROKER_URL, settings.brokerUrl(), OneNetSettings.BROKER_URL);
        }
        Registry registry = context.getRegistry();
        registry.bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new KeywordGuardedLogMask(context));
        // what the routes' log steps repeat of the platform's messages is escaped
        context.getCamelContextExtension().addLogListener(new EscapedRouteLogs());
        StudioTopics topics = DeviceWiring.topics(settings);
        GatewaySettings gateway = GatewaySettings.read(new SettingsLookup(properties));
        ClusterSettings cluster = ClusterSettings.read(new SettingsLookup(properties));
        deriveRouteProperties(properties, settings, topics);
        // one app per data directory: a second one started here stops now, naming the first one's lock. The buffer's
        // directory is what two apps must never share; a cluster instance has no buffer, its commands' directory then
        context.addService(DataDirectories.lock(cluster.enabled() ? settings.downlinkDir() : settings.bufferDir()),
                true, true);
        DeadLetters deadLetters = new DeadLetters(settings.deadLetterDir(), settings.deadLetterMaxBytes());
        registry.bind(DEAD_LETTERS_BEAN, deadLetters);
        Observability.registerMeters(context, () -> new DeadLetterMeters(deadLetters));
        if (cluster.enabled() && !gateway.enabled()) {
            throw new ConfigurationException(ClusterSettings.BOOTSTRAP_SERVERS, "is set without "
                    + GatewaySettings.DEVICES_FILE + ": a cluster instance needs the devices file (each device's "
                    + "credentials)");
        }
        if (gateway.enabled()) {
            GatewayWiring.configure(context, settings, gateway, cluster,
                    properties.resolveProperty(OneNetSettings.UPLINK_MAX_RATE).isPresent());
            return;
        }
        if (settings.emulatorEnabled()) {
            context.addService(emulator(settings), true, true);
        }

        SqliteUplinkBuffer buffer = DeviceWiring.uplinkBuffer(settings);
        DeviceCounters counters = new DeviceCounters();
        BufferComponent bufferComponent = new BufferComponent(buffer);
        registry.bind(BUFFER_BEAN, buffer);
        context.addComponent(BUFFER_COMPONENT, bufferComponent);
        registry.bind(COUNTERS_BEAN, counters);
        context.addService(new UplinkBufferService(buffer, counters), true, true);

        if (topics != null) {
            PlatformReplies replies = new PlatformReplies();
            registry.bind(REPLIES_BEAN, replies);
            registry.bind(STUDIO_DATAPOINTS_BEAN, DeviceWiring.studioDatapoints(settings, replies));
            registry.bind(THING_MODEL_BEAN, thingModel(topics, replies));
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
        Observability.register(context, new DeviceReadinessCheck(device, buffer, counters),
                () -> new OneNetMeters(device, buffer, counters, downlinkQueue.budget()));
    }

    /** {@code onenet.uplink.topic} and {@code onenet.inbound.topic}, which the routes and examples read. */
    private static void deriveRouteProperties(PropertiesComponent properties, OneNetSettings settings,
                                              StudioTopics topics) {
        properties.addOverrideProperty("onenet.protocol", topics != null ? "studio" : "legacy");
        properties.addOverrideProperty("onenet.uplink.topic", DeviceWiring.uplinkTopic(settings, topics));
        properties.addOverrideProperty("onenet.inbound.topic", topics != null ? topics.commands() : "$creq/+");
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
