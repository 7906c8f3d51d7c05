package io.camelonenet.gateway;

import io.camelonenet.support.Worker;
import io.camelonenet.support.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.AnswerExpiredException;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.PlatformRejectedException;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.SubDevice;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.SubDeviceRequest;
import io.camelonenet.studio.TokenMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A current-platform gateway: the configured device logs in once, and its sub-devices (the devices file) travel over
 * that one connection (docs/protocol-notes.md, Sub-devices). After every connect it reconciles the topology: {@code topo/get}, then
 * {@code topo/add} for each listed sub-device the platform does not have bound (its {@code sasToken} signed with the
 * sub-device's own key), then {@code sub/login} for each, one request at a time, replies matched by id. A sub-device
 * the platform refuses is named in the log and retried with backoff, and never holds back the others.
 * {@code topo/change} replaces the bound set and is answered. The platform's requests for a sub-device go to the
 * downlink route ({@code commandsUri}) with the sub-device in the headers; one for a sub-device not in the file is
 * answered 404.
 * <p>
 * Over 300 lines because the topology, the sub-devices' logins and the platform's requests are one state (bound,
 * online, refused and when each retries) that every reconnect and every {@code topo/change} reconciles on one worker;
 * the uplink is {@link SubDeviceUplink}, the messages {@code SubDeviceMessages}, the answers {@code SubDeviceAnswers}.
 */
public final class SubDeviceGateway extends ServiceSupport implements ListedSubDevices, GatewayStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceGateway.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Backoff REFUSED_RETRY = Backoff.exact(FIRST_RETRY, MAX_RETRY);
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
    private final DownlinkHandOff commands;
    private final Set<SubDevice> bound = ConcurrentHashMap.newKeySet();
    /** Logged in on the current session: each sub-device logs in once per session of the gateway's connection. */
    private final Set<SubDevice> online = ConcurrentHashMap.newKeySet();
    /** Counts the gateway connection's sessions (a change either way), so a login of an older one is not kept. */
    private final AtomicLong sessions = new AtomicLong();
    /** The session whose topology was last reconciled: once per session, however many ask. */
    private volatile long reconciledSession = -1;
    private final AtomicLong topologyEntriesSkipped = new AtomicLong();
    private final RepeatedWarning ignoredMessages = new RepeatedWarning(LOG);
    private final RepeatedWarning unknownSubDevices = new RepeatedWarning(LOG);
    private final Map<SubDevice, String> refused = new ConcurrentHashMap<>();
    private final Map<SubDevice, Long> retryAt = new ConcurrentHashMap<>();
    /** Consecutive refusals of a sub-device, for its backoff. */
    private final Map<SubDevice, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicBoolean syncNeeded = new AtomicBoolean();
    private final Object signal = new Object();
    private volatile boolean running;
    private Worker worker;
    private ProducerTemplate deadLetters;
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
                            Duration replyTimeout, DownlinkHandOff commands, SubDeviceOutbox outbox) {
        this.context = context;
        this.connection = connection;
        this.topics = topics;
        this.replies = replies;
        this.calls = new PlatformCalls(connection, replies, replyTimeout);
        this.method = method;
        this.commands = commands;
        this.file = file;
        this.reader = reader;
        this.prune = prune;
        this.stamp = FileStamp.of(file);
        this.listed = byDevice(subDevices);
        this.uplink = new SubDeviceUplink(context, this, connection, topics, outbox, calls, this::deadLetter);
        connection.onMessage(this::dispatch);
        connection.addStateListener(state -> {
            // a new session either way: every sub-device logs in again after the next connect, and a login answered
            // on the old one is not counted for the new one
            sessions.incrementAndGet();
            online.clear();
            if (state == ConnectionState.CONNECTED) {
                syncNeeded.set(true);
                wake();
            }
        });
    }

    /** Told of every batch of readings the platform accepted (what the counters call published). */
    public void onReadingsAccepted(AcceptedReadings listener) {
        uplink.onAccepted(listener);
    }

    /** The sub-device keys ({@code pid/name}) of the devices file, in its order: what the uplink reads. */
    @Override
    public List<String> deviceIds() {
        return listed.keySet().stream().map(SubDevice::key).toList();
    }

    @Override
    public boolean isConnected(String deviceId) {
        return online.contains(SubDevice.ofKey(deviceId));
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
    @Override
    public boolean lists(String key) {
        try {
            return listed.containsKey(SubDevice.ofKey(key));
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
    public long commandsRefused() {
        return commands.queue().budget().refused();
    }

    @Override
    public long answersDropped() {
        return connection.answersDropped();
    }

    @Override
    public List<String> refused() {
        return refused.keySet().stream().map(SubDevice::key).sorted().toList();
    }

    @Override
    protected void doStart() throws Exception {
        deadLetters = context.createProducerTemplate();
        ServiceHelper.startService(commands);
        running = true;
        worker = Worker.start(context, this, "onenet-subdevices", this::work);
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
            worker.stop(Duration.ofSeconds(5), Duration.ofSeconds(1));
            worker = null;
        }
        ServiceHelper.stopService(commands);
        if (deadLetters != null) {
            deadLetters.stop();
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
                if (connection.isConnected() && syncNeeded.getAndSet(false) && reconciledSession != sessions.get()) {
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
                        LogText.of(e.getMessage()));
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
                .equals(listed.get(device))).forEach(device -> {
                    // an entry that changed (its key) is attached again, though already logged in on this session
                    if (before.containsKey(device)) {
                        online.remove(device);
                    }
                    retryAt.put(device, now2);
                });
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
        refusals.remove(device);
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

    /**
     * After a connect, once per session: the platform's topology, then every listed sub-device not yet logged in on
     * this session bound and logged in.
     */
    private void reconcile() throws Exception {
        long session = sessions.get();
        JsonNode reply = calls.call(topics.topologyGet(), SubDeviceMessages::topologyGet, "topo/get");
        SubDeviceMessages.Topology topology = SubDeviceMessages.topology(reply.get("data"));
        List<SubDevice> platform = topology.devices();
        skipped(topology, "topo/get reply");
        bound.clear();
        bound.addAll(platform);
        connection.answerAsync(topics.topologyGetResult(), SubDeviceMessages.result(reply.path("id").asText(), 200,
                "synchronised"), 1, System.currentTimeMillis() + StudioTopics.UNDOCUMENTED_ANSWER_TIMEOUT.toMillis(),
                failure -> { });
        long unlisted = platform.stream().filter(device -> !listed.containsKey(device)).count();
        // a sub-device the file never listed cannot be unbound here: its topo/delete needs a sasToken of its key
        LOG.info("Gateway {}: the platform has {} sub-devices bound ({} not in the devices file, left bound); {} "
                + "listed", connection.settings().clientId(), platform.size(), unlisted, listed.size());
        long now = System.currentTimeMillis();
        listed.keySet().stream().filter(device -> !online.contains(device))
                .forEach(device -> retryAt.put(device, now));
        reconciledSession = session;
    }

    /** Entries of a topology that name no sub-device: counted, and named in one line. */
    private void skipped(SubDeviceMessages.Topology topology, String where) {
        List<String> skipped = topology.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        topologyEntriesSkipped.addAndGet(skipped.size());
        LOG.warn("Gateway {}: {} entries of the {} skipped, the other {} applied: {}{}",
                connection.settings().clientId(), skipped.size(), where, topology.devices().size(),
                String.join(", ", skipped.subList(0, Math.min(5, skipped.size()))), skipped.size() > 5 ? ", ..." : "");
    }

    /** Topology entries skipped since start because they named no sub-device. */
    public long topologyEntriesSkipped() {
        return topologyEntriesSkipped.get();
    }

    /** Binds the sub-device if the platform does not have it, then logs it in; a refusal is retried later. */
    private void attach(SubDevice device) {
        String step = "topo/add";
        try {
            RegisteredDevice registered = listed.get(device);
            if (registered == null || online.contains(device)) {
                // removed from the file meanwhile, or already logged in on this session
                retryAt.remove(device);
                return;
            }
            long session = sessions.get();
            if (!bound.contains(device)) {
                String token = OneNetToken.generate(device.resource(), registered.secret(), method,
                        System.currentTimeMillis() / 1000 + TOKEN_VALIDITY.toSeconds());
                calls.call(topics.topologyAdd(), id -> SubDeviceMessages.topologyAdd(id, device, token),
                        "topo/add of " + device);
                bound.add(device);
            }
            step = "login";
            calls.call(topics.login(), id -> SubDeviceMessages.login(id, device), "login of " + device);
            if (sessions.get() != session) {
                // the session ended under the login: the next one logs it in again
                return;
            }
            online.add(device);
            retryAt.remove(device);
            refusals.remove(device);
            if (refused.remove(device) != null) {
                LOG.info("Sub-device {} is bound and logged in now", device);
            }
        } catch (PlatformRejectedException e) {
            long delay = REFUSED_RETRY.delayMillis(refusals.merge(device, 1, Integer::sum));
            // the reason without its request id, so that a retry refused alike is not logged again
            String reason = LogText.of(e.getMessage().replaceFirst("^request \\d+ rejected: ", ""));
            if (!reason.equals(refused.put(device, reason))) {
                LOG.warn("Sub-device {}: {} refused ({}); trying again with backoff, the other sub-devices go on",
                        device, step, reason);
            }
            retryAt.put(device, System.currentTimeMillis() + delay);
        } catch (Exception e) {
            // offline or no answer: tried again soon, or after the next connect
            LOG.debug("Sub-device {}: {} not done: {}", device, step, LogText.of(e.getMessage()));
            retryAt.put(device, System.currentTimeMillis() + FIRST_RETRY.toMillis());
        }
    }

    /** Everything the platform sends the gateway, on the MQTT client's thread: nothing here may wait. */
    private void dispatch(String topic, byte[] payload) {
        try {
            if (topics.isReply(topic)) {
                replies.complete(topic, payload);
            } else if (topic.equals(topics.topologyChange())) {
                topologyChanged(payload);
            } else if (topics.isSubDeviceRequest(topic)) {
                request(SubDeviceMessages.request(topic, payload), System.currentTimeMillis());
            }
            // anything else under thing/#: the gateway's own posts echoed by a plain broker
        } catch (IllegalArgumentException e) {
            ignoredMessages.warn(() -> "Gateway " + connection.settings().clientId() + ": ignored a message on "
                    + LogText.of(topic) + ": " + LogText.of(e.getMessage()));
        }
    }

    private void topologyChanged(byte[] payload) {
        SubDeviceMessages.TopologyChange change = SubDeviceMessages.topologyChange(payload);
        List<SubDevice> devices = change.topology().devices();
        skipped(change.topology(), "topo/change");
        bound.clear();
        bound.addAll(devices);
        online.retainAll(bound);
        answer(topics.topologyChangeReply(), SubDeviceMessages.result(change.id(), 200, "applied"),
                System.currentTimeMillis() + StudioTopics.UNDOCUMENTED_ANSWER_TIMEOUT.toMillis());
        LOG.info("Gateway {}: topology changed on the platform: {} sub-devices bound", connection.settings().clientId(),
                devices.size());
        long now = System.currentTimeMillis();
        devices.stream().filter(listed::containsKey).filter(device -> !online.contains(device))
                .forEach(device -> retryAt.put(device, now));
        wake();
    }

    /**
     * A request of the platform for a sub-device: handed to the downlink route within the downlink queue's bound
     * (counting the parsed request), or answered at once: 404 for a sub-device not in the file, 503 when the queue is
     * full. Answers go out only while the platform still waits for them (5 s).
     */
    private void request(SubDeviceRequest request, long receivedMillis) {
        long deadline = receivedMillis + StudioTopics.answerTimeout(topicOf(request)).toMillis();
        if (!listed.containsKey(request.device())) {
            unknownSubDevices.warn(() -> "Gateway " + connection.settings().clientId() + ": " + request.kind()
                    + " for " + request.device() + ", which is not in the devices file; answered 404");
            answer(request.replyTopic(), SubDeviceMessages.answer(request, 404, "no such sub-device on this gateway",
                    null), deadline);
            return;
        }
        String key = request.device().key();
        long size = ParsedSize.of(request.values()) + ParsedSize.of(request.names());
        boolean queued = commands.send(key, size, request.kind() + " " + request.id() + " for " + request.device(),
                message -> {
                    message.setBody(request.kind().equals("get") ? request.names() : request.values());
                    message.setHeader(OneNetHeaders.PRODUCT_ID, request.device().productId());
                    message.setHeader(OneNetHeaders.DEVICE_NAME, request.device().deviceName());
                    message.setHeader(OneNetHeaders.DEVICE_ID, key);
                    message.setHeader(OneNetHeaders.THING_REQUEST, request.kind());
                    message.setHeader(OneNetHeaders.THING_REQUEST_ID, request.id());
                    message.setHeader(OneNetHeaders.SERVICE, request.identifier());
                    message.setHeader(OneNetHeaders.REPLY_TOPIC, request.replyTopic());
                    message.setHeader(OneNetHeaders.ANSWER_DEADLINE, deadline);
                    message.setHeader(SubDeviceAnswers.REQUEST, request);
                });
        if (!queued) {
            answer(request.replyTopic(), SubDeviceMessages.answer(request, DownlinkQueue.BUSY,
                    "busy: the gateway's request queue is full", null), deadline);
        }
    }

    /** The request topic a sub-device request's answer topic answers ({@code .../set_reply} of {@code .../set}). */
    private static String topicOf(SubDeviceRequest request) {
        return request.replyTopic().substring(0, request.replyTopic().length() - "_reply".length());
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
        if (context.hasEndpoint(DEAD_LETTER_URI) != null && deadLetters != null) {
            Exchange sent = deadLetters.send(DEAD_LETTER_URI, exchange -> {
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

    /** Queued on the connection's answers, never waiting here: this runs on the MQTT client's thread. */
    private void answer(String topic, byte[] payload, long deadlineMillis) {
        connection.answerAsync(topic, payload, 1, deadlineMillis, failure -> {
            if (failure != null && !(failure instanceof AnswerExpiredException)) {
                LOG.debug("Answer on {} not sent: {}", LogText.of(topic), failure.getMessage());
            }
        });
    }
}
