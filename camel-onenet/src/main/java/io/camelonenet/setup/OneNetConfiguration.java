package io.camelonenet.setup;

import io.camelonenet.gateway.GatewayStatus;
import io.camelonenet.gateway.RegisteredDevice;
import io.camelonenet.health.DeadLetterMeters;
import io.camelonenet.health.StatusReport;
import io.camelonenet.inbound.EscapedRouteLogs;
import io.camelonenet.route.DeadLetters;
import io.camelonenet.studio.StudioTopics;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The standalone app's wiring: decides the mode once ({@link OneNetMode}), does what every mode shares (the log mask,
 * the data directories' lock, the dead letters) and hands the rest to the mode's wiring: {@link SingleDeviceWiring},
 * {@link GatewayWiring} (legacy devices), {@link SubDeviceWiring} (a current-platform gateway) or
 * {@link ClusterWiring}. Beans that need no configuration are declared in the route files' {@code beans:} instead.
 *
 * <table>
 *   <caption>What a single device's routes find in the registry</caption>
 *   <tr><th>Name</th><th>What</th><th>Used by</th></tr>
 *   <tr><td>{@code onenetConnection}</td><td>the device's one MQTT connection</td><td>{@code onenet-publish}</td></tr>
 *   <tr><td>{@code onenetClient}</td><td>its shared Paho client</td><td>every {@code paho:} endpoint</td></tr>
 *   <tr><td>{@code onenet-buffer}</td><td>the durable uplink buffer, as a component</td><td>uplink and forwarder</td></tr>
 *   <tr><td>{@code uplinkBuffer}</td><td>the same buffer, as a bean</td><td>embedders, readiness check</td></tr>
 *   <tr><td>{@code deviceCounters}</td><td>readings and commands counted by the routes</td><td>all routes</td></tr>
 *   <tr><td>{@code commandRefusals}</td><td>the mode's counters (every mode)</td><td>common error routes</td></tr>
 *   <tr><td>{@code platformReplies}</td><td>current platform: answers matched to requests</td><td>studio downlink</td></tr>
 *   <tr><td>{@code studioDatapoints}</td><td>current platform: posts and their answers</td><td>studio uplink</td></tr>
 *   <tr><td>{@code thingModel}</td><td>current platform: OneJSON requests and replies</td><td>studio thing model</td></tr>
 *   <tr><td>{@code desiredValues}</td><td>thing model: desired values fetched and applied after each login</td><td>(a service)</td></tr>
 *   <tr><td>{@code studioBacklog}</td><td>current platform: a backlog of property posts as history posts</td><td>studio uplink</td></tr>
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
    public static final String STUDIO_BACKLOG_BEAN = "studioBacklog";
    public static final String DESIRED_VALUES_BEAN = "desiredValues";
    /** Where a desired value is applied: the route that applies a property set. */
    public static final String DESIRED_APPLY_URI = "direct:onenet-property-set";
    public static final String DOWNLINK_QUEUE_BEAN = "downlinkQueue";
    public static final String DEAD_LETTERS_BEAN = "deadLetters";
    /** The mode's counters, where the shared error routes count a command they refused. */
    public static final String REFUSALS_BEAN = "commandRefusals";
    /** The status page's document ({@link StatusReport}), for the app's page and a host's own HTTP route. */
    public static final String STATUS_BEAN = "onenetStatus";

    private static final Logger LOG = LoggerFactory.getLogger(OneNetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        SettingsLookup lookup = new SettingsLookup(properties);
        OneNetMode mode = OneNetMode.read(lookup);
        OneNetSettings settings = OneNetSettings.read(lookup);
        LOG.info("Configuration: {} ({})", settings, mode);
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
        GatewaySettings gateway = GatewaySettings.read(lookup);
        ClusterSettings cluster = ClusterSettings.read(lookup);
        deriveRouteProperties(properties, settings, topics);
        // one app per data directory: a second one started here stops now, naming the first one's lock. The buffer's
        // directory is what two apps must never share; a cluster instance has no buffer, its commands' directory then
        context.addService(DataDirectories.lock(mode.shape() == OneNetMode.Shape.CLUSTER ? settings.downlinkDir()
                : settings.bufferDir()), true, true);
        DeadLetters deadLetters = new DeadLetters(settings.deadLetterDir(), settings.deadLetterMaxBytes());
        registry.bind(DEAD_LETTERS_BEAN, deadLetters);
        registry.bind(STATUS_BEAN, new StatusReport(context));
        Observability.registerMeters(context, () -> new DeadLetterMeters(deadLetters));
        // a current-platform gateway otherwise keeps to the platform's 1 message a second per connection
        boolean maxRateSet = properties.resolveProperty(OneNetSettings.UPLINK_MAX_RATE).isPresent();
        List<RegisteredDevice> subDevices = List.of();
        switch (mode.shape()) {
            case DEVICE -> SingleDeviceWiring.configure(context, settings, topics, DesiredSettings.read(lookup));
            case GATEWAY -> {
                GatewayDevices devices = GatewayDevices.read(context, settings, gateway, false);
                if (mode.studio()) {
                    subDevices = devices.registry().devices();
                    SubDeviceWiring.configure(context, settings, gateway, devices, maxRateSet);
                } else {
                    GatewayWiring.configure(context, settings, gateway, devices);
                }
            }
            case CLUSTER -> {
                GatewayDevices devices = GatewayDevices.read(context, settings, gateway, true);
                if (mode.studio()) {
                    ClusterWiring.configureStudio(context, settings, gateway, cluster, devices, maxRateSet);
                } else {
                    ClusterWiring.configure(context, settings, gateway, cluster, devices);
                }
            }
        }
        OtaWiring.configure(context, OtaSettings.read(lookup), mode, settings, subDevices);
        GatewayStatus gatewayStatus = registry.lookupByNameAndType(GatewayWiring.GATEWAY_BEAN, GatewayStatus.class);
        PointsWiring.configure(context, PointsSettings.read(lookup), mode, settings,
                gatewayStatus == null ? List::of : () -> gatewayStatus.deviceIds());
    }

    /** {@code onenet.uplink.topic} and {@code onenet.inbound.topic}, which the routes and examples read. */
    private static void deriveRouteProperties(PropertiesComponent properties, OneNetSettings settings,
                                              StudioTopics topics) {
        properties.addOverrideProperty("onenet.protocol", topics != null ? "studio" : "legacy");
        properties.addOverrideProperty("onenet.uplink.topic", DeviceWiring.uplinkTopic(settings, topics));
        properties.addOverrideProperty("onenet.inbound.topic", topics != null ? topics.commands() : "$creq/+");
    }
}
