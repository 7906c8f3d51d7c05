package io.camelonenet.app;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.TlsTrust;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.route.DeviceCounters;
import io.camelonenet.route.PlatformReplies;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.route.ThingModel;
import io.camelonenet.studio.StudioPublishRules;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.TokenPasswordSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the standalone app: checks the configuration, starts the emulator when enabled, and binds the device's one
 * connection as {@code onenetConnection} and its shared MQTT client as {@code onenetClient}, which every paho endpoint
 * in the YAML routes references ({@code client: "#bean:onenetClient"}).
 *
 * <p>The protocol ({@code onenet.protocol}) is chosen here, not in the routes: the routes read the topics it implies
 * from {@code onenet.uplink.topic} and {@code onenet.inbound.topic}, set here for the legacy endpoint ({@code $dp},
 * {@code $creq/+}) or the current platform ({@code $sys/{pid}/{device}/dp/post/json}, {@code .../cmd/#}).
 */
public class OneNetConfiguration implements CamelConfiguration {

    public static final String CONNECTION_BEAN = "onenetConnection";
    public static final String CLIENT_BEAN = "onenetClient";
    public static final String REPLIES_BEAN = "platformReplies";
    public static final String STUDIO_DATAPOINTS_BEAN = "studioDatapoints";
    public static final String THING_MODEL_BEAN = "thingModel";
    public static final String BUFFER_BEAN = "uplinkBuffer";
    public static final String COUNTERS_BEAN = "deviceCounters";
    public static final String BUFFER_COMPONENT = "onenet-buffer";

    private static final Logger LOG = LoggerFactory.getLogger(OneNetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        OneNetSettings settings = OneNetSettings.read(properties::resolveProperty);
        LOG.info("Configuration: {}", settings);
        context.getRegistry().bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new KeywordGuardedLogMask(context));
        boolean studio = settings.protocol() == OneNetSettings.Protocol.STUDIO;
        StudioTopics topics = studio ? new StudioTopics(settings.productId(), settings.clientId()) : null;
        properties.addOverrideProperty("onenet.protocol", studio ? "studio" : "legacy");
        boolean thingProduct = studio && settings.uplinkKind().equals("properties");
        properties.addOverrideProperty("onenet.uplink.topic",
                !studio ? "$dp" : thingProduct ? topics.propertyPost() : topics.datapointPost());
        properties.addOverrideProperty("onenet.inbound.topic", studio ? topics.commands() : "$creq/+");

        if (settings.emulatorEnabled()) {
            context.addService(new EmulatorService(emulator(settings)), true, true);
        }

        // the durable outbox: the uplink route stores in it, the forwarder route empties it after each PUBACK
        SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(settings.bufferDir(), settings.bufferMaxBytes(),
                settings.bufferPolicy(), settings.bufferSync());
        context.addComponent(BUFFER_COMPONENT, new BufferComponent(buffer));
        context.getRegistry().bind(BUFFER_BEAN, buffer);
        DeviceCounters counters = new DeviceCounters();
        context.getRegistry().bind(COUNTERS_BEAN, counters);
        context.addService(new UplinkBufferService(buffer, counters), true, true);

        PlatformReplies replies = new PlatformReplies();
        StudioDatapoints studioDatapoints = new StudioDatapoints();
        studioDatapoints.setReplies(replies);
        studioDatapoints.setReplyTimeout(settings.replyTimeout().toMillis());
        studioDatapoints.setKind(settings.uplinkKind());
        ThingModel thingModel = new ThingModel();
        thingModel.setReplies(replies);
        if (studio) {
            thingModel.setEventTopic(topics.eventPost());
        }
        context.getRegistry().bind(THING_MODEL_BEAN, thingModel);
        context.getRegistry().bind(REPLIES_BEAN, replies);
        context.getRegistry().bind(STUDIO_DATAPOINTS_BEAN, studioDatapoints);

        ConnectionSettings connection = ConnectionSettings
                .of(settings.brokerUrl(), settings.clientId(), settings.productId(), password(settings))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay())
                .withMaxPublishRate(settings.maxPublishRate());
        if (studio) {
            connection = connection.withGuard(new StudioPublishRules(settings.productId(), settings.clientId()));
        }
        if (settings.tlsCa() != null) {
            connection = connection.withTls(trust(settings.tlsCa()));
        }
        DeviceConnection device = new DeviceConnection(connection);
        if (thingProduct) {
            // the inbound route subscribes to .../cmd/#; the thing model's topics need their own subscriptions
            // (named one by one: thing/# would echo the device's own posts back to it)
            for (String topic : new String[] {topics.propertyPostReply(), topics.propertySet(), topics.propertyGet(),
                    topics.serviceInvokes(), topics.eventPostReply()}) {
                device.client().subscribe(topic, 0);
            }
        } else if (studio) {
            device.client().subscribe(topics.datapointReplies(), 0);
        }
        context.getRegistry().bind(CONNECTION_BEAN, device);
        context.getRegistry().bind(CLIENT_BEAN, device.client());
        if (!settings.emulatorEnabled()) {
            // log in while Camel loads the routes; with the emulator on, its broker starts with the context first
            device.startConnecting();
        }
        context.addService(new DeviceConnectionService(device), true, true);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DeviceReadinessCheck(device, buffer, counters));
        }
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
