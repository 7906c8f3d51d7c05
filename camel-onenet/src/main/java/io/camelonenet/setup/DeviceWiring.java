package io.camelonenet.setup;

import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.TlsTrust;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioPublishRules;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.TokenPasswordSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The parts of one device built from its checked settings: its connection (with the subscriptions the current
 * platform needs), its durable buffer and the current platform's helpers. Shared by the app's wiring
 * ({@link OneNetConfiguration}) and the {@code onenet} component of the Kamelets.
 */
public final class DeviceWiring {

    private DeviceWiring() {
    }

    /** The current platform's topics of this device; {@code null} on the legacy endpoint. */
    public static StudioTopics topics(OneNetSettings settings) {
        return settings.protocol() == OneNetSettings.Protocol.STUDIO
                ? new StudioTopics(settings.productId(), settings.clientId()) : null;
    }

    /** Where readings go: {@code $dp}, or the current platform's datapoint or property post topic. */
    public static String uplinkTopic(OneNetSettings settings, StudioTopics topics) {
        if (topics == null) {
            return "$dp";
        }
        return thingProduct(settings) ? topics.propertyPost() : topics.datapointPost();
    }

    public static boolean thingProduct(OneNetSettings settings) {
        return settings.protocol() == OneNetSettings.Protocol.STUDIO && settings.uplinkKind().equals("properties");
    }

    /** The durable outbox: the uplink route stores in it, the forwarder route empties it after each PUBACK. */
    public static SqliteUplinkBuffer uplinkBuffer(OneNetSettings settings) {
        return new SqliteUplinkBuffer(settings.bufferDir(), settings.bufferMaxBytes(), settings.bufferPolicy(),
                settings.bufferSync());
    }

    /** The bound of what the platform pushes while it waits for the downlink's worker ({@code onenet.downlink.queue.*}). */
    public static InboundBudget downlinkBudget(OneNetSettings settings) {
        return new InboundBudget(settings.downlinkQueueMaxBytes(), settings.downlinkQueueMaxCount());
    }

    public static StudioDatapoints studioDatapoints(OneNetSettings settings, PlatformReplies replies) {
        StudioDatapoints studioDatapoints = new StudioDatapoints();
        studioDatapoints.setReplies(replies);
        studioDatapoints.setReplyTimeout(settings.replyTimeout().toMillis());
        studioDatapoints.setKind(settings.uplinkKind());
        return studioDatapoints;
    }

    /**
     * The device's one connection, with the subscriptions the inbound route's own topic does not cover: on the
     * current platform the answers to posts and the thing model's requests, named one by one (thing/# would echo the
     * device's own posts back to it).
     */
    public static DeviceConnection deviceConnection(OneNetSettings settings, StudioTopics topics) throws IOException {
        ConnectionSettings connection = connectionSettings(settings);
        if (topics != null) {
            connection = connection.withGuard(new StudioPublishRules(settings.productId(), settings.clientId()));
        }
        DeviceConnection device = new DeviceConnection(connection);
        if (thingProduct(settings)) {
            for (String topic : new String[] {topics.propertyPostReply(), topics.propertySet(), topics.propertyGet(),
                    topics.serviceInvokes(), topics.eventPostReply(), topics.historyPostReply(),
                    topics.desiredGetReply(), topics.desiredDeleteReply()}) {
                device.subscribe(topic, 0);
            }
        } else if (topics != null) {
            device.subscribe(topics.datapointReplies(), 0);
        }
        return device;
    }

    /** The device's login, timings, publish rate, inbound bound and TLS, from its settings. */
    public static ConnectionSettings connectionSettings(OneNetSettings settings) throws IOException {
        ConnectionSettings connection = ConnectionSettings
                .of(settings.brokerUrl(), settings.clientId(), settings.productId(), password(settings))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay())
                .withMaxPublishRate(settings.maxPublishRate())
                // nothing larger than a command may come in: checked before Paho reads (and allocates) it
                .withMaxInboundPayload(settings.downlinkMaxBytes());
        if (settings.tlsCa() != null) {
            connection = connection.withTls(trust(settings.tlsCa()));
        }
        return connection;
    }

    private static PasswordSource password(OneNetSettings settings) {
        if (settings.protocol() == OneNetSettings.Protocol.LEGACY) {
            return PasswordSource.fixed(settings.authInfo());
        }
        OneNetSettings.StudioCredentials studio = settings.studio();
        return new TokenPasswordSource(studio.resource(settings.productId()), studio.key(), studio.method(),
                studio.tokenTtl(), Clock.systemUTC());
    }

    private static SSLContext trust(String location) throws IOException {
        try (InputStream pem = location.startsWith("classpath:")
                ? DeviceWiring.class.getClassLoader().getResourceAsStream(location.substring(10))
                : Files.newInputStream(Path.of(location))) {
            return TlsTrust.trusting(pem, location);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(OneNetSettings.TLS_CA, "is not usable: " + e.getMessage());
        }
    }
}
