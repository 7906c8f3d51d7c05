package io.camelonenet.gateway;

import io.camelonenet.studio.PlatformCalls;
import io.camelonenet.support.FileStamp;
import io.camelonenet.support.DeadLetterRoute;
import io.camelonenet.support.Worker;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.PlatformReplies;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.SubDevice;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.TokenMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Over 300 lines because it is the one worker that reconciles the devices file, the platform's topology and the
 * session (every reconnect, every {@code topo/change}, every change of the file); the logins are
 * {@link SubDeviceLogins}, the platform's requests {@link SubDeviceRequests}, the uplink {@link SubDeviceUplink}.
 */
public final class SubDeviceGateway extends ServiceSupport implements ListedSubDevices, GatewayStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceGateway.class);

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
    private final DownlinkHandOff commands;
    private final SubDeviceLogins logins;
    /** The session whose topology was last reconciled: once per session, however many ask. */
    private volatile long reconciledSession = -1;
    private final AtomicLong topologyEntriesSkipped = new AtomicLong();
    private final RepeatedWarning ignoredMessages = new RepeatedWarning(LOG);
    private final SubDeviceRequests requests;
    private final AtomicBoolean syncNeeded = new AtomicBoolean();
    private final Object signal = new Object();
    private volatile boolean running;
    private Worker worker;
    private final DeadLetterRoute deadLetters;
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
        this.logins = new SubDeviceLogins(calls, topics, method);
        this.commands = commands;
        this.file = file;
        this.reader = reader;
        this.prune = prune;
        this.stamp = FileStamp.of(file);
        this.listed = byDevice(subDevices);
        this.deadLetters = new DeadLetterRoute(context, "onenet-subdevice-uplink");
        this.requests = new SubDeviceRequests(connection, commands, device -> listed.containsKey(device));
        this.uplink = new SubDeviceUplink(context, this, connection, topics, outbox, calls, this::deadLetter);
        connection.onMessage(this::dispatch);
        connection.addStateListener(state -> {
            // a new session either way: every sub-device logs in again after the next connect, and a login answered
            // on the old one is not counted for the new one
            logins.newSession();
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
        return logins.isOnline(SubDevice.ofKey(deviceId));
    }

    @Override
    public boolean serves(String deviceId) {
        return served.getAsBoolean();
    }

    @Override
    public Boolean isBound(String deviceId) {
        return logins.isBound(SubDevice.ofKey(deviceId));
    }

    public boolean isOnline(SubDevice device) {
        return logins.isOnline(device);
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
        return logins.online();
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
        return logins.refused();
    }

    @Override
    public java.util.Map<String, String> problems() {
        return logins.refusedReasons();
    }

    @Override
    protected void doStart() throws Exception {
        deadLetters.start();
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
        deadLetters.stop();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work() {
        while (running) {
            try {
                if (connection.isConnected() && syncNeeded.getAndSet(false) && reconciledSession != logins.session()) {
                    reconcile();
                }
                if (connection.isConnected()) {
                    checkFile();
                }
                long now = System.currentTimeMillis();
                long next = now + 1_000;
                for (Map.Entry<SubDevice, Long> due : logins.waiting().entrySet()) {
                    if (!running || !connection.isConnected()) {
                        break;
                    }
                    if (due.getValue() <= now) {
                        logins.attach(due.getKey(), listed.get(due.getKey()));
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
                    Thread.sleep(SubDeviceLogins.FIRST_RETRY.toMillis());
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
                    if (before.containsKey(device)) {
                        // an entry that changed (its key) is attached again, though logged in on this session
                        logins.again(device, now2);
                    } else {
                        logins.due(List.of(device), now2);
                    }
                });
        List<SubDevice> removed = before.keySet().stream().filter(device -> !listed.containsKey(device)).toList();
        LOG.info("Gateway {}: {} re-read: {} sub-devices, {} removed", connection.settings().clientId(), file,
                listed.size(), removed.size());
        for (SubDevice device : removed) {
            logins.detach(device, before.get(device), prune);
        }
    }

    /**
     * After a connect, once per session: the platform's topology, then every listed sub-device not yet logged in on
     * this session bound and logged in.
     */
    private void reconcile() throws Exception {
        long session = logins.session();
        JsonNode reply = calls.call(topics.topologyGet(), SubDeviceMessages::topologyGet, "topo/get");
        SubDeviceMessages.Topology topology = SubDeviceMessages.topology(reply.get("data"));
        List<SubDevice> platform = topology.devices();
        skipped(topology, "topo/get reply");
        logins.boundAre(platform);
        connection.answerAsync(topics.topologyGetResult(), SubDeviceMessages.result(reply.path("id").asText(), 200,
                "synchronised"), 1, System.currentTimeMillis() + StudioTopics.UNDOCUMENTED_ANSWER_TIMEOUT.toMillis(),
                failure -> { });
        long unlisted = platform.stream().filter(device -> !listed.containsKey(device)).count();
        // a sub-device the file never listed cannot be unbound here: its topo/delete needs a sasToken of its key
        LOG.info("Gateway {}: the platform has {} sub-devices bound ({} not in the devices file, left bound); {} "
                + "listed", connection.settings().clientId(), platform.size(), unlisted, listed.size());
        logins.due(listed.keySet(), System.currentTimeMillis());
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

    /** Everything the platform sends the gateway, on the MQTT client's thread: nothing here may wait. */
    private void dispatch(String topic, byte[] payload) {
        try {
            if (topics.isReply(topic)) {
                replies.complete(topic, payload);
            } else if (topic.equals(topics.topologyChange())) {
                topologyChanged(payload);
            } else if (topics.isSubDeviceRequest(topic)) {
                requests.request(SubDeviceMessages.request(topic, payload), System.currentTimeMillis());
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
        logins.boundAre(devices);
        requests.answer(topics.topologyChangeReply(), SubDeviceMessages.result(change.id(), 200, "applied"),
                System.currentTimeMillis() + StudioTopics.UNDOCUMENTED_ANSWER_TIMEOUT.toMillis());
        LOG.info("Gateway {}: topology changed on the platform: {} sub-devices bound", connection.settings().clientId(),
                devices.size());
        logins.due(devices.stream().filter(listed::containsKey).toList(), System.currentTimeMillis());
        wake();
    }

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
        deadLetters.send(letter, Map.of(), why, "Reading refused by the platform");
    }
}
