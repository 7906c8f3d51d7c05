package io.camelonenet.emulator;

import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.studio.SubDevice;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for OneNET: a real embedded broker (HiveMQ CE) with OneNET's rules on top, either the legacy MQTT
 * endpoint's ({@link LegacyOneNetRules}, devices added with {@link Builder#device}) or the current platform's
 * ({@link StudioRules}, devices added with {@link Builder#studioDevice}). Use it to run the app without an account, to
 * try other OneNET clients, or to test your own routes:
 *
 * <pre>{@code
 * try (OneNetEmulator onenet = OneNetEmulator.builder().device("10001", "20001", "secret").build().start()) {
 *     // point your device at onenet.brokerUrl(), then
 *     String cmdId = onenet.pushCommand("10001", "{\"led\":\"on\"}");
 *     await().until(() -> !onenet.record().replies().isEmpty());
 * }
 * }</pre>
 *
 * <p>One emulator per JVM at a time: the broker's extension services are process-wide.
 *
 * <p>Over 300 lines because it is the emulator's whole public API in one place, for tests and users: the builder and
 * the pushes a test makes (commands, thing-model requests); the broker is {@link EmbeddedBroker}, and the protocols'
 * rules live in {@link LegacyOneNetRules} and {@link StudioRules}.
 */
public final class OneNetEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OneNetEmulator.class);

    private final String bindAddress;
    private final int port;
    private final Map<String, EmulatedDevice> devices;
    private final Map<String, StudioDevice> studioDevices;
    private final Map<String, Map<SubDevice, String>> subDevices;
    private StudioRules studioRules;
    private final java.util.Set<String> rejectedStreams;
    private final Duration commandPeriod;
    private final boolean plainBroker;
    private final Qos pushQos;
    private final boolean tls;
    private final Path journal;
    private final Double thingUplinkRate;
    private final long otaBytesPerSecond;
    private OtaServer ota;
    private final EmulatorRecord record = new EmulatorRecord();
    private final DesiredValues desiredValues = new DesiredValues();
    private final AtomicLong demoCommands = new AtomicLong();
    private final AtomicLong thingRequestIds = new AtomicLong();

    private EmbeddedBroker broker;
    private OneNetRules rules;
    private ScheduledExecutorService commandTimer;

    private OneNetEmulator(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.port = builder.port == 0 ? FreePort.on(builder.bindAddress) : builder.port;
        this.devices = Map.copyOf(builder.devices);
        this.studioDevices = Map.copyOf(builder.studioDevices);
        this.subDevices = Map.copyOf(builder.subDevices);
        builder.subDevices.keySet().forEach(gateway -> {
            if (!studioDevices.containsKey(gateway)) {
                throw new IllegalArgumentException("sub-devices of " + gateway + ", which is no studio device");
            }
        });
        this.rejectedStreams = java.util.Set.copyOf(builder.rejectedStreams);
        if (!devices.isEmpty() && !studioDevices.isEmpty()) {
            throw new IllegalArgumentException("an emulator speaks one protocol: legacy devices or studio devices");
        }
        this.commandPeriod = builder.commandPeriod;
        this.plainBroker = builder.plainBroker;
        this.pushQos = builder.pushQos;
        this.tls = builder.tls;
        this.journal = builder.journal;
        this.thingUplinkRate = builder.thingUplinkRate;
        this.otaBytesPerSecond = builder.otaBytesPerSecond;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the broker and, when a command period is set, the periodic demo commands. Blocks until it listens. */
    public synchronized OneNetEmulator start() {
        if (broker != null) {
            return this;
        }
        if (journal != null) {
            try {
                record.journalTo(journal);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the emulator's journal " + journal, e);
            }
        }
        studioRules = studio() ? new StudioRules(studioDevices, rejectedStreams, record, subDevices,
                desiredValues, thingUplinkRate == null ? null : new UplinkRate(thingUplinkRate)) : null;
        rules = studio() ? studioRules : new LegacyOneNetRules(devices, record, plainBroker);
        try {
            broker = EmbeddedBroker.start(bindAddress, port, tls, rules);
            ota = studio() ? new OtaServer(bindAddress, this::otaDevice, otaBytesPerSecond) : null;
        } catch (RuntimeException | java.io.IOException e) {
            if (broker != null) {
                broker.close();
                broker = null;
            }
            record.closeJournal();
            throw e instanceof RuntimeException runtime ? runtime
                    : new java.io.UncheckedIOException("the OTA API cannot listen", (java.io.IOException) e);
        }
        LOG.info("OneNET emulator ({}) listening on {} for devices {}", studio() ? "current platform, token login"
                : "legacy MQTT", brokerUrl(), studio() ? studioDevices.keySet() : devices.keySet());
        if (!commandPeriod.isZero()) {
            commandTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "onenet-emulator-commands");
                thread.setDaemon(true);
                return thread;
            });
            commandTimer.scheduleAtFixedRate(this::pushDemoCommands, commandPeriod.toMillis(),
                    commandPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The address the broker listens on. */
    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public String brokerUrl() {
        return (tls ? "ssl://" : "tcp://") + bindAddress + ":" + port;
    }

    /** With {@link Builder#tls()}: the PEM of the throw-away certificate the emulator serves, for clients to trust. */
    public Path caCertificate() {
        if (broker == null || broker.certificate() == null) {
            throw new IllegalStateException("the emulator serves TLS only when built with tls() and started");
        }
        return broker.certificate().caPem();
    }

    public EmulatorRecord record() {
        return record;
    }

    /**
     * Pushes a command to a device as OneNET does: a QoS 0 PUBLISH on {@code $creq/<cmduuid>}.
     *
     * @return the generated cmduuid
     * @throws IllegalStateException when the device is not connected
     */
    public String pushCommand(String deviceId, String command) {
        return pushCommand(deviceId, command.getBytes(StandardCharsets.UTF_8));
    }

    public String pushCommand(String deviceId, byte[] command) {
        String commandId = UUID.randomUUID().toString();
        if (studio()) {
            StudioDevice device = studioDevices.get(deviceId);
            if (device == null) {
                throw new IllegalArgumentException("no studio device " + deviceId);
            }
            publish(deviceId, StudioRules.prefix(device) + "cmd/request/" + commandId, command);
        } else {
            pushOnTopic(deviceId, LegacyOneNetRules.COMMAND_PREFIX + commandId, command);
        }
        record.pushed(commandId);
        return commandId;
    }

    /** OneJSON property set to a thing-model device; returns the request id to find its {@code set_reply}. */
    public String setProperties(String deviceName, Map<String, Object> params) {
        return thingRequest(deviceName, "thing/property/set", params);
    }

    /** The OTA API's address (current platform), e.g. {@code http://127.0.0.1:40123}: {@code onenet.ota.api-url}. */
    public String otaUrl() {
        return otaServer().url();
    }

    /**
     * Creates an upgrade task for a device or a sub-device (its product id and name) to {@code target}, serving
     * {@code firmware}; returns the task id.
     */
    public long createOtaTask(String productId, String deviceName, String target, byte[] firmware) {
        return otaServer().create(productId, deviceName, target, firmware, null);
    }

    /** Like {@link #createOtaTask}, announcing {@code md5} (hex) instead of the package's own: a corrupt package. */
    public long createOtaTaskWithMd5(String productId, String deviceName, String target, byte[] firmware,
                                     String md5) {
        return otaServer().create(productId, deviceName, target, firmware, md5);
    }

    /** Cancels a task as the console does: no step is taken for it any more. */
    public void cancelOtaTask(long tid) {
        otaServer().cancel(tid);
    }

    /** A task as it stands: status, the steps reported, the downloads' starts, the bytes served. */
    public OtaTaskRecord otaTask(long tid) {
        return otaServer().record(tid);
    }

    /** The firmware version the device last reported (or the target of its task that succeeded), or null. */
    public String otaVersion(String productId, String deviceName) {
        return otaServer().version(productId, deviceName);
    }

    private OtaServer otaServer() {
        if (ota == null) {
            throw new IllegalStateException("the OTA API is the current platform's: start an emulator with studio"
                    + " devices");
        }
        return ota;
    }

    /** The device or sub-device of this product id and name, with the key its tokens are signed with. */
    private StudioDevice otaDevice(String productId, String deviceName) {
        StudioDevice device = studioDevices.get(deviceName);
        if (device != null && device.productId().equals(productId)) {
            return device;
        }
        for (Map<SubDevice, String> keys : subDevices.values()) {
            String key = keys.get(new SubDevice(productId, deviceName));
            if (key != null) {
                return new StudioDevice(productId, deviceName, key, false);
            }
        }
        return null;
    }

    /**
     * Sets a desired value of a current-platform device's property, as the console does, whether the device is online
     * or not; returns the value's new version. The device fetches it with {@code thing/property/desired/get}.
     */
    public long setDesired(String deviceName, String property, Object value) {
        if (!studioDevices.containsKey(deviceName)) {
            throw new IllegalArgumentException("no studio device " + deviceName);
        }
        return desiredValues.set(deviceName, property, value);
    }

    /** The desired values the platform still keeps for the device (not deleted yet): property to value. */
    public Map<String, Object> desired(String deviceName) {
        return desiredValues.current(deviceName);
    }

    /** Every desired value a device deleted: "device property version", in order. */
    public java.util.List<String> desiredDeletes() {
        return desiredValues.deletes();
    }

    /** OneJSON property get; the device answers with the values on {@code get_reply}. */
    public String getProperties(String deviceName, java.util.List<String> names) {
        return thingRequest(deviceName, "thing/property/get", names);
    }

    /** OneJSON service invoke; the device answers on {@code .../invoke_reply}. */
    public String invokeService(String deviceName, String identifier, Map<String, Object> params) {
        return thingRequest(deviceName, "thing/service/" + identifier + "/invoke", params);
    }

    /**
     * Pushes any payload on one of a current-platform device's own topics ({@code suffix} after
     * {@code $sys/{pid}/{name}/}, such as {@code thing/sub/topo/change}), as a platform that breaks its own rules
     * would: for hostile-input tests.
     */
    public void pushOnStudioTopic(String deviceName, String suffix, byte[] payload) {
        StudioDevice device = studioDevices.get(deviceName);
        if (device == null) {
            throw new IllegalArgumentException("no studio device " + deviceName);
        }
        publish(deviceName, StudioRules.prefix(device) + suffix, payload);
    }

    private String thingRequest(String deviceName, String suffix, Object params) {
        StudioDevice device = studioDevices.get(deviceName);
        if (device == null) {
            throw new IllegalArgumentException("no studio device " + deviceName);
        }
        String id = Long.toString(thingRequestIds.incrementAndGet());
        String request;
        try {
            request = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    Map.of("id", id, "version", "1.0", "params", params));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("params cannot be written as JSON: " + e.getMessage(), e);
        }
        publish(deviceName, StudioRules.prefix(device) + suffix, request.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    /** The sub-devices bound to a gateway now (topo/add and topo/delete applied). */
    public java.util.Set<SubDevice> topology(String gatewayName) {
        return subDeviceRules(gatewayName).topology();
    }

    /** True while the sub-device is logged in through its gateway's current session. */
    public boolean subDeviceOnline(String gatewayName, SubDevice device) {
        return subDeviceRules(gatewayName).loggedIn(device);
    }

    /**
     * Binds exactly these sub-devices to the gateway, as a person does in the console, and pushes
     * {@code thing/sub/topo/change} with the full list; returns the request id to find its {@code change_reply}.
     */
    public String changeTopology(String gatewayName, java.util.List<SubDevice> devices) {
        subDeviceRules(gatewayName).replaceTopology(devices);
        java.util.List<Map<String, String>> list = devices.stream()
                .map(d -> Map.of("deviceName", d.deviceName(), "productID", d.productId())).toList();
        return thingRequest(gatewayName, "thing/sub/topo/change", Map.of("subList", list));
    }

    /** {@code thing/sub/property/set} for one sub-device; returns the request id to find its {@code set_reply}. */
    public String setSubDeviceProperties(String gatewayName, SubDevice device, Map<String, Object> values) {
        return thingRequest(gatewayName, "thing/sub/property/set", Map.of("deviceName", device.deviceName(),
                "productID", device.productId(), "params", values));
    }

    /** {@code thing/sub/property/get} for one sub-device; the values come back on {@code get_reply}. */
    public String getSubDeviceProperties(String gatewayName, SubDevice device, java.util.List<String> names) {
        return thingRequest(gatewayName, "thing/sub/property/get", Map.of("deviceName", device.deviceName(),
                "productID", device.productId(), "params", names));
    }

    /** {@code thing/sub/service/invoke} for one sub-device; answered on {@code invoke_reply}. */
    public String invokeSubDeviceService(String gatewayName, SubDevice device, String identifier,
                                         Map<String, Object> input) {
        return thingRequest(gatewayName, "thing/sub/service/invoke", Map.of("deviceName", device.deviceName(),
                "productID", device.productId(), "identifier", identifier, "input", input));
    }

    private SubDeviceRules subDeviceRules(String gatewayName) {
        SubDeviceRules rules = studioRules == null ? null : studioRules.gateway(gatewayName);
        if (rules == null) {
            throw new IllegalArgumentException(gatewayName + " is no gateway of this emulator (Builder.subDevice)");
        }
        return rules;
    }

    /** True while a client with this id is connected to the broker. */
    public boolean connected(String clientId) {
        try {
            return rules.services().clients().isClientConnected(clientId).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask whether " + clientId + " is connected: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the device's connection, as OneNET does when the same device logs in elsewhere or breaks a rule; true if
     * it was connected.
     */
    public boolean kick(String deviceId) {
        try {
            return rules.services().clients().disconnectClient(deviceId).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot disconnect " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /** Pushes a payload on any {@code $creq/...} topic, including ones OneNET would never use: for hostile-input tests. */
    public void pushOnTopic(String deviceId, String topic, byte[] payload) {
        if (!topic.startsWith(LegacyOneNetRules.COMMAND_PREFIX)) {
            throw new IllegalArgumentException("commands go to " + LegacyOneNetRules.COMMAND_PREFIX + "..., not " + topic);
        }
        publish(deviceId, topic, payload);
    }

    private boolean studio() {
        return !studioDevices.isEmpty();
    }

    private void publish(String deviceId, String topic, byte[] payload) {
        Publish publish = Builders.publish()
                .topic(topic)
                .qos(pushQos)
                .payload(ByteBuffer.wrap(payload))
                .build();
        try {
            PublishToClientResult result = rules.services().publish().publishToClient(publish, deviceId)
                    .get(10, TimeUnit.SECONDS);
            if (result == PublishToClientResult.NOT_SUBSCRIBED && !plainBroker && !studio()
                    && rules.services().clients().isClientConnected(deviceId).get(10, TimeUnit.SECONDS)) {
                // a clean-session login may drop the subscription added at authentication: add it again, retry
                rules.services().subscriptions().addSubscription(deviceId, LegacyOneNetRules.commandSubscription())
                        .get(10, TimeUnit.SECONDS);
                result = rules.services().publish().publishToClient(publish, deviceId).get(10, TimeUnit.SECONDS);
            }
            if (result != PublishToClientResult.SUCCESSFUL) {
                throw new IllegalStateException("device " + deviceId + " is not connected to the emulator");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot push to " + deviceId + ": " + EmbeddedBroker.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing to " + deviceId, e);
        }
        LOG.info("Pushed command to {} on {} ({} bytes)", deviceId, topic, payload.length);
    }

    private void pushDemoCommands() {
        for (String deviceId : studio() ? studioDevices.keySet() : devices.keySet()) {
            try {
                long seq = demoCommands.incrementAndGet();
                pushCommand(deviceId, "{\"demo\":\"blink\",\"seq\":" + seq + "}");
            } catch (IllegalStateException notConnected) {
                LOG.debug("No demo command for {}: {}", deviceId, notConnected.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Demo command to {} failed: {}", deviceId, e.getMessage());
            }
        }
    }

    /**
     * Stops at once for a process that is about to exit: the journal is closed (everything acknowledged is in it) and
     * the broker's own shutdown, which waits seconds for its network threads to go quiet, runs on a daemon thread that
     * the exit ends. Clients see their connections close, as with any broker that stops.
     */
    public void stopForExit() {
        synchronized (this) {
            stopCommandTimer();
            record.closeJournal();
        }
        Thread stop = new Thread(this::close, "onenet-emulator-stop");
        stop.setDaemon(true);
        stop.start();
        LOG.info("OneNET emulator on port {} stopping", port);
    }

    @Override
    public synchronized void close() {
        stopCommandTimer();
        if (ota != null) {
            // its tasks stay readable
            ota.close();
        }
        if (broker != null) {
            broker.close();
            broker = null;
            LOG.info("OneNET emulator on port {} stopped", port);
        }
        record.closeJournal();
    }

    private void stopCommandTimer() {
        if (commandTimer != null) {
            commandTimer.shutdownNow();
            commandTimer = null;
        }
    }

    /** Configures an emulator; {@link #build()} does not start it. */
    public static final class Builder {

        private String bindAddress = "127.0.0.1";
        private int port;
        private final Map<String, EmulatedDevice> devices = new LinkedHashMap<>();
        private final Map<String, StudioDevice> studioDevices = new LinkedHashMap<>();
        private final Map<String, Map<SubDevice, String>> subDevices = new LinkedHashMap<>();
        private final java.util.Set<String> rejectedStreams = new java.util.HashSet<>();
        private Duration commandPeriod = Duration.ZERO;
        private boolean plainBroker;
        private Qos pushQos = Qos.AT_MOST_ONCE;
        private boolean tls;
        private Path journal;
        private Double thingUplinkRate;
        private long otaBytesPerSecond;

        /** Listen on this port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** Accept this device: client id = device id, user name = product id, password = auth info. */
        public Builder device(String deviceId, String productId, String authInfo) {
            devices.put(deviceId, new EmulatedDevice(deviceId, productId, authInfo));
            return this;
        }

        /**
         * Every device of a gateway's devices file (legacy endpoint), each with its own credentials: the same file the
         * gateway reads, so that the two agree.
         */
        public Builder devices(DeviceRegistry registry) {
            registry.devices().forEach(device -> device(device.id(), device.productId(), device.secret()));
            return this;
        }

        /**
         * A sub-device the platform knows (registered, with its key) for the studio gateway {@code gatewayName}: the
         * gateway may bind it with {@code topo/add} (its {@code sasToken} signed with this key), log it in and post
         * for it. The topology starts empty.
         */
        public Builder subDevice(String gatewayName, String productId, String deviceName, String base64DeviceKey) {
            subDevices.computeIfAbsent(gatewayName, g -> new LinkedHashMap<>())
                    .put(new SubDevice(productId, deviceName), base64DeviceKey);
            return this;
        }

        /**
         * Speak the current platform (token login, {@code $sys} topics) and accept this device, whose token is signed
         * with its base64 device key.
         */
        public Builder studioDevice(String productId, String deviceName, String base64DeviceKey) {
            studioDevices.put(deviceName, new StudioDevice(productId, deviceName, base64DeviceKey, false));
            return this;
        }

        /** Like {@link #studioDevice}, for a device that logs in with its product's key ({@code res=products/{pid}}). */
        public Builder studioDeviceWithProductKey(String productId, String deviceName, String base64ProductKey) {
            studioDevices.put(deviceName, new StudioDevice(productId, deviceName, base64ProductKey, true));
            return this;
        }

        /** Answer {@code /rejected} (err_code 98) to datapoint posts that contain this datastream. */
        public Builder rejectDatastream(String streamId) {
            rejectedStreams.add(streamId);
            return this;
        }

        /** Push a demo command to every connected device at this interval; zero (the default) pushes none. */
        /**
         * Pushes commands and requests at QoS 1 instead of OneNET's QoS 0: a platform pushing faster than a device reads.
         * At QoS 0 the broker drops what the device's connection cannot take at once (a burst of 1,500 commands of
         * 60 KiB reaches a device as a few hundred); at QoS 1 it queues them, so the device gets the whole burst.
         */
        public Builder pushAtQos1() {
            this.pushQos = Qos.AT_LEAST_ONCE;
            return this;
        }

        public Builder commandPeriod(Duration period) {
            if (period.isNegative()) {
                throw new IllegalArgumentException("command period must not be negative");
            }
            this.commandPeriod = period;
            return this;
        }

        /**
         * Subscriptions as on an ordinary MQTT broker instead of OneNET: SUBSCRIBE to {@code $creq/+} is granted and
         * needed, commands reach only devices that subscribed. Login, {@code $dp} and reply rules stay OneNET's.
         */
        public Builder plainBroker() {
            this.plainBroker = true;
            return this;
        }

        /** Append every decoded upload to this file as a JSON line, before the PUBACK (see {@link EmulatorRecord}). */
        public Builder journal(Path file) {
            this.journal = file;
            return this;
        }

        /**
         * Record a violation when a current-platform connection sends faster than this many messages a second
         * (the thing model allows 1): counted over 5 s, with one message of slack. Unset: not checked.
         */
        public Builder thingUplinkRate(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("the uplink rate must be positive, not " + perSecond);
            }
            this.thingUplinkRate = perSecond;
            return this;
        }

        /** Serve OTA packages at this many bytes a second (a slow link, to interrupt a download); 0: at full speed. */
        public Builder otaBytesPerSecond(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("bytes per second must not be negative");
            }
            this.otaBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** Serve MQTT over TLS with a throw-away self-signed certificate; see {@link OneNetEmulator#caCertificate()}. */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        public OneNetEmulator build() {
            return new OneNetEmulator(this);
        }
    }
}
