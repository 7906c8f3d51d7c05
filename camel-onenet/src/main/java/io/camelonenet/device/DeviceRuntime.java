package io.camelonenet.device;

import io.camelonenet.buffer.BufferComponent;
import io.camelonenet.buffer.BufferEndpoint;
import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.health.DeviceReadinessCheck;
import io.camelonenet.health.OneNetMeters;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.setup.Observability;
import io.camelonenet.health.DeviceCounters;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.setup.DeviceWiring;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.support.DeadLetterRoute;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

/**
 * Everything one device needs, shared by its {@code onenet:} endpoints: the connection, the durable buffer with its
 * forwarder, the current platform's answer matching, the counters and the readiness check. Inbound messages are
 * dispatched here: the platform's answers to posts complete the waiting forwarder, commands go to the command source
 * if there is one.
 */
final class DeviceRuntime extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRuntime.class);

    private final CamelContext context;
    private final OneNetSettings settings;
    private final DeviceCounters counters = new DeviceCounters();
    private final StudioTopics topics;
    private final PlatformReplies replies;
    private final StudioDatapoints studioDatapoints;
    private final InboundBudget downlink;
    private final DeadLetterRoute deadLetters;
    private SqliteUplinkBuffer buffer;
    private DeviceConnection connection;
    private BufferEndpoint bufferEndpoint;
    private Consumer forwarder;
    private volatile BiConsumer<String, byte[]> commands;

    DeviceRuntime(CamelContext context, OneNetSettings settings, DeadLetterRoute deadLetters) {
        this.context = context;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.topics = DeviceWiring.topics(settings);
        this.replies = topics != null ? new PlatformReplies() : null;
        this.studioDatapoints = topics != null ? DeviceWiring.studioDatapoints(settings, replies) : null;
        this.downlink = DeviceWiring.downlinkBudget(settings);
    }

    /** The bound of the commands waiting for the command source's worker. */
    InboundBudget downlink() {
        return downlink;
    }

    /** Where the messages the platform refuses go. */
    DeadLetterRoute deadLetters() {
        return deadLetters;
    }

    OneNetSettings settings() {
        return settings;
    }

    DeviceCounters counters() {
        return counters;
    }

    DeviceConnection connection() {
        return connection;
    }

    /** The studio helper that turns a body into a post; {@code null} on the legacy endpoint. */
    StudioDatapoints studioDatapoints() {
        return studioDatapoints;
    }

    /** Where readings go: the current platform's post topic, or {@code $dp}. */
    String uplinkTopic() {
        return DeviceWiring.uplinkTopic(settings, topics);
    }

    BufferEndpoint bufferEndpoint() {
        return bufferEndpoint;
    }

    /** The command source: one at a time per device (one inbound stream). */
    void commands(BiConsumer<String, byte[]> listener) {
        if (listener != null && commands != null && commands != listener) {
            throw new IllegalStateException("device " + settings.clientId() + " already has a command consumer: "
                    + "one onenet: consumer per device");
        }
        this.commands = listener;
    }

    @Override
    protected void doStart() throws Exception {
        deadLetters.start();
        buffer = DeviceWiring.uplinkBuffer(settings);
        connection = DeviceWiring.deviceConnection(settings, topics);
        if (topics != null) {
            connection.subscribe(topics.commands(), 0);
        }
        connection.onMessage(this::dispatch);
        BufferComponent bufferComponent = new BufferComponent(buffer);
        bufferComponent.setCamelContext(context);
        bufferComponent.start();
        bufferEndpoint = (BufferEndpoint) bufferComponent.createEndpoint("onenet-buffer:" + settings.clientId());
        bufferEndpoint.setTopic(uplinkTopic());
        if (topics != null) {
            // a thing-model device's backlog goes out by thing/history/post
            bufferEndpoint.setCombiner(new io.camelonenet.studio.PropertyBacklog(topics));
        }
        connection.addStateListener(state -> {
            if (state == ConnectionState.CONNECTED) {
                bufferComponent.resume();
            }
        });
        connection.start();
        forwarder = bufferEndpoint.createConsumer(new Forwarder(this));
        ServiceHelper.startService(forwarder);
        Observability.register(context, new DeviceReadinessCheck("onenet-device-" + settings.clientId(), connection,
                buffer, counters), () -> new OneNetMeters(connection, buffer, counters, downlink));
        LOG.info("onenet: device {} on {} ({} protocol), buffer in {}", settings.clientId(), settings.brokerUrl(),
                settings.protocol().name().toLowerCase(java.util.Locale.ROOT), settings.bufferDir());
    }

    private void dispatch(String topic, byte[] payload) {
        if (replies != null && (topic.contains("/dp/post/json/") || topic.endsWith("/post/reply"))) {
            replies.complete(topic, payload);
            return;
        }
        if (topic.contains("/cmd/response/")) {
            // the platform's answer to a command response sent earlier: nothing to do but note it
            LOG.debug("Device {}: the platform answered a command response on {}", settings.clientId(), topic);
            return;
        }
        BiConsumer<String, byte[]> listener = commands;
        if (listener == null) {
            LOG.warn("Device {} received {} but no onenet: consumer takes its commands; not answered",
                    settings.clientId(), topic);
            return;
        }
        listener.accept(topic, payload);
    }

    @Override
    protected void doStop() throws Exception {
        // the forwarder first: its messages in flight finish or stay in the buffer for the next start
        ServiceHelper.stopService(forwarder);
        if (connection != null) {
            connection.close();
        }
        if (buffer != null) {
            LOG.info("onenet: device {} stopped; counters {}; {} messages wait in the buffer", settings.clientId(),
                    counters, buffer.count());
            buffer.close();
        }
        deadLetters.stop();
    }
}
