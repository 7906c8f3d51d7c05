package io.camelonenet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.route.SubDeviceReadings;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.PlatformRejectedException;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.SubDevice;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.SubDeviceRequest;
import io.camelonenet.studio.TokenMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A current-platform gateway: the configured device logs in once, and its sub-devices (the devices file) travel over
 * that one connection (onenet-gateway.md). After every connect it reconciles the topology: {@code topo/get}, then
 * {@code topo/add} for each listed sub-device the platform does not have bound (its {@code sasToken} signed with the
 * sub-device's own key), then {@code sub/login} for each, one request at a time, replies matched by id. A sub-device
 * the platform refuses is named in the log and retried with backoff, and never holds back the others.
 * {@code topo/change} replaces the bound set and is answered. The platform's requests for a sub-device go to the
 * downlink route ({@code commandsUri}) with the sub-device in the headers; one for a sub-device not in the file is
 * answered 404.
 */
public final class SubDeviceGateway extends ServiceSupport implements GatewayStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceGateway.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** A sasToken only has to be valid while topo/add is checked. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    private final CamelContext context;
    private final DeviceConnection connection;
    private final GatewayTopics topics;
    private final PlatformReplies replies;
    private final PlatformCalls calls;
    /** The sub-devices of the devices file, in its order; replaced whole when the file changes. */
    private volatile Map<SubDevice, RegisteredDevice> listed = Map.of();
    private final java.nio.file.Path file;
    private final DevicesFile reader;
    private final boolean prune;
    private FileStamp stamp;
    private long nextFileCheck;
    private final TokenMethod method;
    private final String commandsUri;
    private final Set<SubDevice> bound = ConcurrentHashMap.newKeySet();
    private final Set<SubDevice> online = ConcurrentHashMap.newKeySet();
    private final Map<SubDevice, String> refused = new ConcurrentHashMap<>();
    private final Map<SubDevice, Long> retryAt = new ConcurrentHashMap<>();
    private final Map<SubDevice, Long> retryDelay = new ConcurrentHashMap<>();
    private final AtomicBoolean syncNeeded = new AtomicBoolean();
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread worker;
    private ProducerTemplate commands;
    private Endpoint commandsEndpoint;
    private final SubDeviceUplink uplink;
    private volatile java.util.function.BooleanSupplier served = () -> true;

    /**
     * @param file   the devices file, re-read every {@link Gateway#RELOAD_PERIOD} ({@code subDevices} as read at start)
     * @param prune  {@code onenet.gateway.prune-topology}: unbind (topo/delete) a sub-device removed from the file;
     *               otherwise it is only logged out, and what a person bound in the console stays bound
     */
    public SubDeviceGateway(CamelContext context, DeviceConnection connection, GatewayTopics topics,
                            PlatformReplies replies, java.nio.file.Path file, DevicesFile reader,
                            DeviceRegistry subDevices, boolean prune, TokenMethod method,
                            Duration replyTimeout, String commandsUri, SubDeviceOutbox outbox) {
        this.context = context;
        this.connection = connection;
        this.topics = topics;
        this.replies = replies;
        this.calls = new PlatformCalls(connection, replies, replyTimeout);
        this.method = method;
        this.commandsUri = commandsUri;
        this.file = file;
        this.reader = reader;
        this.prune = prune;
        this.stamp = FileStamp.of(file);
        this.listed = byDevice(subDevices);
        this.uplink = new SubDeviceUplink(this, connection, topics, outbox, calls, this::deadLetter);
        connection.onMessage(this::dispatch);
        connection.addStateListener(state -> {
            if (state == ConnectionState.CONNECTED) {
                syncNeeded.set(true);
                wake();
            } else {
                // a new session: every sub-device logs in again after the next connect
                online.clear();
            }
        });
    }

    /** The sub-device keys ({@code pid/name}) of the devices file, in its order: what the uplink reads. */
    @Override
    public List<String> deviceIds() {
        return listed.keySet().stream().map(SubDeviceReadings::key).toList();
    }

    @Override
    public boolean isConnected(String deviceId) {
        return online.contains(SubDeviceReadings.device(deviceId));
    }

    public boolean isOnline(SubDevice device) {
        return online.contains(device);
    }

    /** The sub-devices this instance serves: all of the file's, or in a cluster none while another owns the gateway. */
    @Override
    public int configured() {
        return served.getAsBoolean() ? listed.size() : 0;
    }

    /** In a cluster: the gateway is served only while this instance owns it. */
    public void servedWhile(java.util.function.BooleanSupplier owned) {
        this.served = owned;
    }

    /** Whether the devices file lists this sub-device key ({@code pid/name}). */
    public boolean lists(String key) {
        try {
            return listed.containsKey(SubDeviceReadings.device(key));
        } catch (IllegalArgumentException notAKey) {
            return false;
        }
    }

    public DeviceConnection connection() {
        return connection;
    }

    @Override
    public long online() {
        return online.size();
    }

    @Override
    public List<String> refused() {
        return refused.keySet().stream().map(SubDeviceReadings::key).sorted().toList();
    }

    @Override
    protected void doStart() throws Exception {
        commands = context.createProducerTemplate();
        commandsEndpoint = context.getEndpoint(commandsUri);
        running = true;
        worker = new Thread(this::work, "onenet-subdevices");
        worker.setDaemon(true);
        worker.start();
        uplink.start();
        if (connection.isConnected()) {
            syncNeeded.set(true);
            wake();
        }
        LOG.info("Gateway {}: {} sub-devices from the devices file", connection.settings().clientId(),
                listed.size());
    }

    @Override
    protected void doStop() throws Exception {
        uplink.stop();
        running = false;
        wake();
        if (worker != null) {
            worker.join(5_000);
        }
        if (commands != null) {
            commands.stop();
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work() {
        while (running) {
            try {
                if (connection.isConnected() && syncNeeded.getAndSet(false)) {
                    reconcile();
                }
                if (connection.isConnected()) {
                    checkFile();
                }
                long now = System.currentTimeMillis();
                long next = now + 1_000;
                for (Map.Entry<SubDevice, Long> due : Map.copyOf(retryAt).entrySet()) {
                    if (!running || !connection.isConnected()) {
                        break;
                    }
                    if (due.getValue() <= now) {
                        attach(due.getKey());
                    } else {
                        next = Math.min(next, due.getValue());
                    }
                }
                synchronized (signal) {
                    long wait = next - System.currentTimeMillis();
                    if (running && wait > 0 && !syncNeeded.get()) {
                        signal.wait(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Gateway {}: topology sync failed: {}; trying again", connection.settings().clientId(),
                        e.getMessage());
                syncNeeded.set(true);
                try {
                    Thread.sleep(FIRST_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Map<SubDevice, RegisteredDevice> byDevice(DeviceRegistry registry) {
        Map<SubDevice, RegisteredDevice> devices = new LinkedHashMap<>();
        registry.devices().forEach(device -> devices.put(new SubDevice(device.productId(), device.id()), device));
        return java.util.Collections.unmodifiableMap(devices);
    }

    /** Re-reads the devices file when it changed; a file that cannot be used changes nothing. */
    private void checkFile() {
        if (System.currentTimeMillis() < nextFileCheck) {
            return;
        }
        nextFileCheck = System.currentTimeMillis() + Gateway.RELOAD_PERIOD.toMillis();
        FileStamp now = FileStamp.of(file);
        if (now.equals(stamp)) {
            return;
        }
        stamp = now;
        DeviceRegistry next;
        try {
            next = reader.read(file);
        } catch (InvalidDevicesFileException e) {
            LOG.error("{}; not applied, the {} sub-devices read before keep running", e.getMessage(), listed.size());
            return;
        }
        next.warnings().forEach(LOG::warn);
        Map<SubDevice, RegisteredDevice> before = listed;
        listed = byDevice(next);
        long now2 = System.currentTimeMillis();
        listed.keySet().stream().filter(device -> !before.containsKey(device) || !before.get(device)
                .equals(listed.get(device))).forEach(device -> retryAt.put(device, now2));
        List<SubDevice> removed = before.keySet().stream().filter(device -> !listed.containsKey(device)).toList();
        LOG.info("Gateway {}: {} re-read: {} sub-devices, {} removed", connection.settings().clientId(), file,
                listed.size(), removed.size());
        for (SubDevice device : removed) {
            detach(device, before.get(device));
        }
    }

    /** A sub-device removed from the file: logged out, and unbound only with prune-topology. */
    private void detach(SubDevice device, RegisteredDevice registered) {
        retryAt.remove(device);
        retryDelay.remove(device);
        refused.remove(device);
        boolean wasOnline = online.remove(device);
        try {
            if (prune && bound.contains(device)) {
                String token = OneNetToken.generate(device.resource(), registered.secret(), method,
                        System.currentTimeMillis() / 1000 + TOKEN_VALIDITY.toSeconds());
                calls.call(topics.topologyDelete(), id -> SubDeviceMessages.topologyDelete(id, device, token),
                        "topo/delete of " + device);
                bound.remove(device);
                LOG.info("Sub-device {} removed from the file: unbound (onenet.gateway.prune-topology)", device);
            } else if (wasOnline) {
                calls.call(topics.logout(), id -> SubDeviceMessages.logout(id, device), "logout of " + device);
                LOG.info("Sub-device {} removed from the file: logged out, left bound", device);
            }
        } catch (Exception e) {
            LOG.warn("Sub-device {} removed from the file: {}", device, e.getMessage());
        }
    }

    /** After a connect: the platform's topology, then every listed sub-device bound and logged in. */
    private void reconcile() throws Exception {
        JsonNode reply = calls.call(topics.topologyGet(), SubDeviceMessages::topologyGet, "topo/get");
        List<SubDevice> platform = SubDeviceMessages.topology(reply.get("data"));
        bound.clear();
        bound.addAll(platform);
        connection.publishAsync(topics.topologyGetResult(),
                SubDeviceMessages.result(reply.path("id").asText(), 200, "synchronised"), 1, false, failure -> { });
        long unlisted = platform.stream().filter(device -> !listed.containsKey(device)).count();
        // a sub-device the file never listed cannot be unbound here: its topo/delete needs a sasToken of its key
        LOG.info("Gateway {}: the platform has {} sub-devices bound ({} not in the devices file, left bound); {} "
                + "listed", connection.settings().clientId(), platform.size(), unlisted, listed.size());
        long now = System.currentTimeMillis();
        listed.keySet().forEach(device -> retryAt.put(device, now));
    }

    /** Binds the sub-device if the platform does not have it, then logs it in; a refusal is retried later. */
    private void attach(SubDevice device) {
        String step = "topo/add";
        try {
            RegisteredDevice registered = listed.get(device);
            if (registered == null) {
                retryAt.remove(device);
                return;
            }
            if (!bound.contains(device)) {
                String token = OneNetToken.generate(device.resource(), registered.secret(), method,
                        System.currentTimeMillis() / 1000 + TOKEN_VALIDITY.toSeconds());
                calls.call(topics.topologyAdd(), id -> SubDeviceMessages.topologyAdd(id, device, token),
                        "topo/add of " + device);
                bound.add(device);
            }
            step = "login";
            calls.call(topics.login(), id -> SubDeviceMessages.login(id, device), "login of " + device);
            online.add(device);
            retryAt.remove(device);
            retryDelay.remove(device);
            if (refused.remove(device) != null) {
                LOG.info("Sub-device {} is bound and logged in now", device);
            }
        } catch (PlatformRejectedException e) {
            long delay = Math.min(MAX_RETRY.toMillis(), retryDelay.merge(device, FIRST_RETRY.toMillis(),
                    (before, first) -> before * 2));
            // the reason without its request id, so that a retry refused alike is not logged again
            String reason = e.getMessage().replaceFirst("^request \\d+ rejected: ", "");
            if (!reason.equals(refused.put(device, reason))) {
                LOG.warn("Sub-device {}: {} refused ({}); trying again with backoff, the other sub-devices go on",
                        device, step, reason);
            }
            retryAt.put(device, System.currentTimeMillis() + delay);
        } catch (Exception e) {
            // offline or no answer: tried again soon, or after the next connect
            LOG.debug("Sub-device {}: {} not done: {}", device, step, e.getMessage());
            retryAt.put(device, System.currentTimeMillis() + FIRST_RETRY.toMillis());
        }
    }

    private void dispatch(String topic, byte[] payload) {
        try {
            if (topics.isReply(topic)) {
                replies.complete(topic, payload);
            } else if (topic.equals(topics.topologyChange())) {
                topologyChanged(payload);
            } else if (topics.isSubDeviceRequest(topic)) {
                request(SubDeviceMessages.request(topic, payload));
            }
            // anything else under thing/#: the gateway's own posts echoed by a plain broker
        } catch (IllegalArgumentException e) {
            LOG.warn("Gateway {}: ignored a message on {}: {}", connection.settings().clientId(), topic, e.getMessage());
        }
    }

    private void topologyChanged(byte[] payload) {
        SubDeviceMessages.TopologyChange change = SubDeviceMessages.topologyChange(payload);
        bound.clear();
        bound.addAll(change.devices());
        online.retainAll(bound);
        answer(topics.topologyChangeReply(), SubDeviceMessages.result(change.id(), 200, "applied"));
        LOG.info("Gateway {}: topology changed on the platform: {} sub-devices bound", connection.settings().clientId(),
                change.devices().size());
        long now = System.currentTimeMillis();
        change.devices().stream().filter(listed::containsKey).filter(device -> !online.contains(device))
                .forEach(device -> retryAt.put(device, now));
        wake();
    }

    private void request(SubDeviceRequest request) {
        if (!listed.containsKey(request.device())) {
            LOG.warn("Gateway {}: {} for {}, which is not in the devices file; answered 404",
                    connection.settings().clientId(), request.kind(), request.device());
            answer(request.replyTopic(), SubDeviceMessages.answer(request, 404, "no such sub-device on this gateway",
                    null));
            return;
        }
        Exchange sent = commands.send(commandsEndpoint, ExchangePattern.InOnly, exchange -> {
            exchange.getMessage().setBody(request.kind().equals("get") ? request.names() : request.values());
            exchange.getMessage().setHeader(OneNetHeaders.PRODUCT_ID, request.device().productId());
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_NAME, request.device().deviceName());
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, SubDeviceReadings.key(request.device()));
            exchange.getMessage().setHeader(OneNetHeaders.THING_REQUEST, request.kind());
            exchange.getMessage().setHeader(OneNetHeaders.THING_REQUEST_ID, request.id());
            exchange.getMessage().setHeader(OneNetHeaders.SERVICE, request.identifier());
            exchange.getMessage().setHeader(OneNetHeaders.REPLY_TOPIC, request.replyTopic());
            exchange.getMessage().setHeader(SubDeviceAnswers.REQUEST, request);
        });
        if (sent.getException() != null) {
            LOG.warn("Gateway {}: {} for {} refused: {}; not answered, the platform times out",
                    connection.settings().clientId(), request.kind(), request.device(), sent.getException().getMessage());
        }
    }

    /** The route that keeps dead letters (routes/common/errors.camel.yaml): a JSON file each, and a log line. */
    static final String DEAD_LETTER_URI = "direct:onenet-dead-letter";
    private static final Logger DEAD_LETTERS = LoggerFactory.getLogger("io.camelonenet.dead-letter");

    /**
     * A reading the platform refused: to the dead-letter route (one file under onenet.dead-letter.dir) as
     * {@code {"productID","deviceName","time","properties"}}, or to the dead-letter log where no such route runs
     * (an embedding application without the bundled routes).
     */
    private void deadLetter(io.camelonenet.studio.PackBatches.Reading reading, Exception why) {
        Map<String, Object> letter = new LinkedHashMap<>();
        if (reading.device() != null) {
            letter.put("productID", reading.device().productId());
            letter.put("deviceName", reading.device().deviceName());
        }
        letter.put("time", reading.timeMillis());
        letter.put("properties", reading.properties());
        if (context.hasEndpoint(DEAD_LETTER_URI) != null && commands != null) {
            Exchange sent = commands.send(DEAD_LETTER_URI, exchange -> {
                exchange.getMessage().setBody(letter);
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, why);
                exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "onenet-subdevice-uplink");
            });
            if (sent.getException() == null) {
                return;
            }
        }
        DEAD_LETTERS.error("Reading refused by the platform ({}), not sent again: {}", why.getMessage(),
                letter);
    }

    private void answer(String topic, byte[] payload) {
        try {
            connection.publishAsync(topic, payload, 1, false, failure -> {
                if (failure != null) {
                    LOG.warn("Answer on {} not sent: {}", topic, failure.getMessage());
                }
            });
        } catch (Exception e) {
            LOG.warn("Answer on {} not sent: {}", topic, e.getMessage());
        }
    }
}
