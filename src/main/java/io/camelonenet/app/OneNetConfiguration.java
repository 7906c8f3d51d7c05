package io.camelonenet.app;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.TlsTrust;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.DeviceCounters;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.route.ThingModel;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioPublishRules;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.TokenPasswordSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
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
 * </table>
 *
 * <p>It also derives from {@code onenet.protocol} the properties the routes read: {@code onenet.uplink.topic} and
 * {@code onenet.inbound.topic} (the bundled configuration picks the route folder, {@code routes/legacy/} or
 * {@code routes/studio/}, from the same key), starts the emulator when enabled, and registers the readiness check.
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

    private static final Logger LOG = LoggerFactory.getLogger(OneNetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        OneNetSettings settings = OneNetSettings.read(new SettingsLookup(properties));
        LOG.info("Configuration: {}", settings);
        Registry registry = context.getRegistry();
        registry.bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new KeywordGuardedLogMask(context));
        StudioTopics topics = topics(settings);
        deriveRouteProperties(properties, settings, topics);
        if (settings.emulatorEnabled()) {
            context.addService(new EmulatorService(emulator(settings)), true, true);
        }

        SqliteUplinkBuffer buffer = uplinkBuffer(settings);
        DeviceCounters counters = new DeviceCounters();
        BufferComponent bufferComponent = new BufferComponent(buffer);
        registry.bind(BUFFER_BEAN, buffer);
        context.addComponent(BUFFER_COMPONENT, bufferComponent);
        registry.bind(COUNTERS_BEAN, counters);
        context.addService(new UplinkBufferService(buffer, counters), true, true);

        if (topics != null) {
            PlatformReplies replies = new PlatformReplies();
            registry.bind(REPLIES_BEAN, replies);
            registry.bind(STUDIO_DATAPOINTS_BEAN, studioDatapoints(settings, replies));
            registry.bind(THING_MODEL_BEAN, thingModel(topics, replies));
        }

        DeviceConnection device = deviceConnection(settings, topics);
        registry.bind(CONNECTION_BEAN, device);
        device.bindClient(registry, CLIENT_BEAN);
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
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DeviceReadinessCheck(device, buffer, counters));
        }
    }

    /** The current platform's topics of this device; {@code null} on the legacy endpoint. */
    private static StudioTopics topics(OneNetSettings settings) {
        return settings.protocol() == OneNetSettings.Protocol.STUDIO
                ? new StudioTopics(settings.productId(), settings.clientId()) : null;
    }

    /** {@code onenet.uplink.topic} and {@code onenet.inbound.topic}, which the routes and examples read. */
    private static void deriveRouteProperties(PropertiesComponent properties, OneNetSettings settings,
                                              StudioTopics topics) {
        properties.addOverrideProperty("onenet.protocol", topics != null ? "studio" : "legacy");
        properties.addOverrideProperty("onenet.uplink.topic", topics == null ? "$dp"
                : thingProduct(settings) ? topics.propertyPost() : topics.datapointPost());
        properties.addOverrideProperty("onenet.inbound.topic", topics != null ? topics.commands() : "$creq/+");
    }

    private static boolean thingProduct(OneNetSettings settings) {
        return settings.protocol() == OneNetSettings.Protocol.STUDIO && settings.uplinkKind().equals("properties");
    }

    /** The durable outbox: the uplink route stores in it, the forwarder route empties it after each PUBACK. */
    private static SqliteUplinkBuffer uplinkBuffer(OneNetSettings settings) {
        return new SqliteUplinkBuffer(settings.bufferDir(), settings.bufferMaxBytes(), settings.bufferPolicy(),
                settings.bufferSync());
    }

    private static StudioDatapoints studioDatapoints(OneNetSettings settings, PlatformReplies replies) {
        StudioDatapoints studioDatapoints = new StudioDatapoints();
        studioDatapoints.setReplies(replies);
        studioDatapoints.setReplyTimeout(settings.replyTimeout().toMillis());
        studioDatapoints.setKind(settings.uplinkKind());
        return studioDatapoints;
    }

    private static ThingModel thingModel(StudioTopics topics, PlatformReplies replies) {
        ThingModel thingModel = new ThingModel();
        thingModel.setReplies(replies);
        thingModel.setEventTopic(topics.eventPost());
        return thingModel;
    }

    /**
     * The device's one connection, with the subscriptions the inbound route's own topic does not cover: on the
     * current platform the answers to posts and the thing model's requests, named one by one (thing/# would echo the
     * device's own posts back to it).
     */
    private static DeviceConnection deviceConnection(OneNetSettings settings, StudioTopics topics) throws IOException {
        ConnectionSettings connection = ConnectionSettings
                .of(settings.brokerUrl(), settings.clientId(), settings.productId(), password(settings))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay())
                .withMaxPublishRate(settings.maxPublishRate())
                // nothing larger than a command may come in: checked before Paho reads (and allocates) it
                .withMaxInboundPayload(settings.downlinkMaxBytes());
        if (topics != null) {
            connection = connection.withGuard(new StudioPublishRules(settings.productId(), settings.clientId()));
        }
        if (settings.tlsCa() != null) {
            connection = connection.withTls(trust(settings.tlsCa()));
        }
        DeviceConnection device = new DeviceConnection(connection);
        if (thingProduct(settings)) {
            for (String topic : new String[] {topics.propertyPostReply(), topics.propertySet(), topics.propertyGet(),
                    topics.serviceInvokes(), topics.eventPostReply()}) {
                device.subscribe(topic, 0);
            }
        } else if (topics != null) {
            device.subscribe(topics.datapointReplies(), 0);
        }
        return device;
    }

    private static PasswordSource password(OneNetSettings settings) {
        if (settings.protocol() == OneNetSettings.Protocol.LEGACY) {
            return PasswordSource.fixed(settings.authInfo());
        }
        OneNetSettings.StudioCredentials studio = settings.studio();
        return new TokenPasswordSource(studio.resource(settings.productId()), studio.key(), studio.method(),
                studio.tokenTtl(), Clock.systemUTC());
    }

    private static OneNetEmulator emulator(OneNetSettings settings) {
        OneNetEmulator.Builder emulator = OneNetEmulator.builder()
                .bindAddress(settings.emulatorHost())
                .port(settings.emulatorPort())
                .commandPeriod(settings.emulatorCommandPeriod());
        if (settings.protocol() == OneNetSettings.Protocol.LEGACY) {
            emulator.device(settings.deviceId(), settings.productId(), settings.authInfo());
        } else if (settings.studio().productKey()) {
            emulator.studioDeviceWithProductKey(settings.productId(), settings.clientId(), settings.studio().key());
        } else {
            emulator.studioDevice(settings.productId(), settings.clientId(), settings.studio().key());
        }
        return emulator.build();
    }

    private static SSLContext trust(String location) throws IOException {
        try (InputStream pem = location.startsWith("classpath:")
                ? OneNetConfiguration.class.getClassLoader().getResourceAsStream(location.substring(10))
                : Files.newInputStream(Path.of(location))) {
            return TlsTrust.trusting(pem, location);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(OneNetSettings.TLS_CA, "is not usable: " + e.getMessage());
        }
    }
}
