package io.camelonenet.setup;

import io.camelonenet.buffer.Durability;
import io.camelonenet.buffer.FullPolicy;
import io.camelonenet.datapoint.OneNetTime;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.TokenMethod;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The app's configuration contract, read once at start-up and checked as a whole, so a mistake stops the app with
 * one message naming the key instead of failing later inside a route. The keys are public interface: see the
 * configuration table in docs/configuration.md.
 */
public record OneNetSettings(
        Protocol protocol,
        String brokerUrl,
        String deviceId,
        String productId,
        String authInfo,
        StudioCredentials studio,
        String tlsCa,
        Duration replyTimeout,
        String uplinkKind,
        double maxPublishRate,
        int keepAliveSeconds,
        Duration maxReconnectDelay,
        long uplinkPeriodMillis,
        String uplinkTimeZone,
        Path downlinkDir,
        int downlinkMaxBytes,
        long downlinkQueueMaxBytes,
        int downlinkQueueMaxCount,
        Path deadLetterDir,
        long deadLetterMaxBytes,
        Path bufferDir,
        long bufferMaxBytes,
        FullPolicy bufferPolicy,
        Durability bufferSync,
        boolean emulatorEnabled,
        String emulatorHost,
        int emulatorPort,
        Duration emulatorCommandPeriod) {

    /** Which OneNET: the legacy MQTT endpoint ($dp, $creq) or the current platform ($sys topics, token login). */
    public enum Protocol {
        LEGACY, STUDIO
    }

    /**
     * The current platform's login: client id = device name, user name = product id, password = a token signed with
     * the device key ({@code products/{pid}/devices/{name}}) or the product key ({@code products/{pid}}).
     */
    public record StudioCredentials(String deviceName, String key, boolean productKey, TokenMethod method,
                                    Duration tokenTtl) {

        public String resource(String productId) {
            return productKey ? OneNetToken.productResource(productId)
                    : OneNetToken.deviceResource(productId, deviceName);
        }

        @Override
        public String toString() {
            return "StudioCredentials[deviceName=" + deviceName + ", " + (productKey ? "product" : "device")
                    + " key, method=" + method.wireName() + ", tokenTtl=" + tokenTtl.toMillis() + "ms]";
        }
    }

    public static final String PROTOCOL = "onenet.protocol";
    public static final String DEVICE_NAME = "onenet.device-name";
    public static final String DEVICE_KEY = "onenet.device-key";
    public static final String PRODUCT_KEY = "onenet.product-key";
    public static final String TOKEN_METHOD = "onenet.token.method";
    public static final String TOKEN_TTL = "onenet.token.ttl";
    public static final String TLS_CA = "onenet.tls.ca";
    public static final String REPLY_TIMEOUT = "onenet.reply.timeout";
    public static final String UPLINK_KIND = "onenet.uplink.kind";
    public static final String UPLINK_MAX_RATE = "onenet.uplink.max-rate";
    public static final String BROKER_URL = "onenet.broker-url";
    public static final String DEVICE_ID = "onenet.device-id";
    public static final String PRODUCT_ID = "onenet.product-id";
    public static final String AUTH_INFO = "onenet.auth-info";
    public static final String KEEP_ALIVE = "onenet.keep-alive";
    public static final String RECONNECT_MAX_DELAY = "onenet.reconnect.max-delay";
    public static final String UPLINK_PERIOD = "onenet.uplink.period";
    public static final String UPLINK_TIME_ZONE = "onenet.uplink.time-zone";
    public static final String DOWNLINK_DIR = "onenet.downlink.dir";
    public static final String DOWNLINK_MAX_BYTES = "onenet.downlink.max-bytes";
    public static final String DOWNLINK_QUEUE_MAX_BYTES = "onenet.downlink.queue.max-bytes";
    public static final String DOWNLINK_QUEUE_MAX_COUNT = "onenet.downlink.queue.max-count";
    public static final String DEAD_LETTER_DIR = "onenet.dead-letter.dir";
    public static final String DEAD_LETTER_MAX_BYTES = "onenet.dead-letter.max-bytes";
    public static final String BUFFER_DIR = "onenet.buffer.dir";
    public static final String BUFFER_MAX_BYTES = "onenet.buffer.max-bytes";
    public static final String BUFFER_POLICY = "onenet.buffer.policy";
    public static final String BUFFER_SYNC = "onenet.buffer.sync";
    public static final String EMULATOR_ENABLED = "onenet.emulator.enabled";
    public static final String EMULATOR_HOST = "onenet.emulator.host";
    public static final String EMULATOR_PORT = "onenet.emulator.port";
    public static final String EMULATOR_COMMAND_PERIOD = "onenet.emulator.command-period";

    /**
     * Reads every key through {@code lookup} (Camel's property resolution) and checks it. Over 50 lines: one step per
     * key, in the configuration table's order, so that the two are read side by side.
     */
    public static OneNetSettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        Protocol protocol = OneNetMode.protocol(config.text(PROTOCOL, SettingDefaults.PROTOCOL));
        String brokerUrl = brokerUrl(config.required(BROKER_URL));
        String productId = config.required(PRODUCT_ID);
        String deviceId = null;
        String authInfo = null;
        StudioCredentials studio = null;
        if (protocol == Protocol.LEGACY) {
            deviceId = config.required(DEVICE_ID);
            authInfo = config.required(AUTH_INFO);
        } else {
            studio = studioCredentials(config, productId);
        }
        String tlsCa = tlsCa(config.text(TLS_CA, null), brokerUrl);
        Duration replyTimeout = Duration.ofMillis(config.positiveMillis(REPLY_TIMEOUT, SettingDefaults.REPLY_TIMEOUT_MS));
        String uplinkKind = config.text(UPLINK_KIND, SettingDefaults.UPLINK_KIND);
        if (!uplinkKind.equals("datapoints") && !uplinkKind.equals("properties")) {
            throw new ConfigurationException(UPLINK_KIND, "must be datapoints or properties, not '" + uplinkKind + "'");
        }
        double maxRate = config.decimal(UPLINK_MAX_RATE,
                SettingDefaults.maxRate(protocol == Protocol.STUDIO, uplinkKind));
        int keepAlive = config.intBetween(KEEP_ALIVE, SettingDefaults.KEEP_ALIVE_S, 0, 65535);
        Duration maxReconnectDelay = Duration.ofMillis(config.positiveMillis(RECONNECT_MAX_DELAY, SettingDefaults.RECONNECT_MAX_DELAY_MS));
        if (maxReconnectDelay.toMillis() < 1000) {
            throw new ConfigurationException(RECONNECT_MAX_DELAY, "must be at least 1000 ms, not "
                    + maxReconnectDelay.toMillis());
        }
        long period = config.positiveMillis(UPLINK_PERIOD, 5000);
        String zone = parsed(UPLINK_TIME_ZONE, config.text(UPLINK_TIME_ZONE, SettingDefaults.TIME_ZONE),
                text -> {
                    OneNetTime.zone(text);
                    return text;
                });
        Path downlinkDir = directory(DOWNLINK_DIR, config.text(DOWNLINK_DIR, SettingDefaults.DOWNLINK_DIR));
        int maxBytes = config.intBetween(DOWNLINK_MAX_BYTES, SettingDefaults.DOWNLINK_MAX_BYTES, 1, 256 * 1024 * 1024);
        long queueMaxBytes = config.positive(DOWNLINK_QUEUE_MAX_BYTES, InboundBudget.DEFAULT_MAX_BYTES, "bytes");
        int queueMaxCount = config.intBetween(DOWNLINK_QUEUE_MAX_COUNT, InboundBudget.DEFAULT_MAX_COUNT, 1, 1_000_000);
        Path deadLetterDir = directory(DEAD_LETTER_DIR, config.text(DEAD_LETTER_DIR, SettingDefaults.DEAD_LETTER_DIR));
        long deadLetterMaxBytes = config.positive(DEAD_LETTER_MAX_BYTES, SettingDefaults.DEAD_LETTER_MAX_BYTES, "bytes");
        Path bufferDir = directory(BUFFER_DIR, config.text(BUFFER_DIR, SettingDefaults.BUFFER_DIR));
        long bufferMaxBytes = config.positive(BUFFER_MAX_BYTES, SettingDefaults.BUFFER_MAX_BYTES, "bytes");
        FullPolicy bufferPolicy = parsed(BUFFER_POLICY, config.text(BUFFER_POLICY, SettingDefaults.BUFFER_POLICY), FullPolicy::parse);
        Durability bufferSync = parsed(BUFFER_SYNC, config.text(BUFFER_SYNC, SettingDefaults.BUFFER_SYNC), Durability::parse);
        String emulatorHost = config.text(EMULATOR_HOST, "127.0.0.1");
        int emulatorPort = config.intBetween(EMULATOR_PORT, 6002, 1, 65535);
        boolean emulator = emulatorEnabled(config, brokerUrl, emulatorHost, emulatorPort);
        Duration commandPeriod = Duration.ofMillis(config.nonNegativeMillis(EMULATOR_COMMAND_PERIOD, 15_000));
        return new OneNetSettings(protocol, brokerUrl, deviceId, productId, authInfo, studio, tlsCa, replyTimeout,
                uplinkKind, maxRate, keepAlive, maxReconnectDelay, period, zone,
                downlinkDir, maxBytes, queueMaxBytes, queueMaxCount, deadLetterDir, deadLetterMaxBytes, bufferDir,
                bufferMaxBytes, bufferPolicy, bufferSync, emulator, emulatorHost, emulatorPort, commandPeriod);
    }

    /** A value read by {@code parser}, whose IllegalArgumentException becomes the key's configuration error. */
    private static <T> T parsed(String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, "is wrong: " + e.getMessage());
        }
    }

    /** The MQTT client id: the device id on the legacy endpoint, the device name on the current platform. */
    public String clientId() {
        return protocol == Protocol.LEGACY ? deviceId : studio.deviceName();
    }

    private static StudioCredentials studioCredentials(SettingsReader config, String productId) {
        String deviceName = config.required(DEVICE_NAME);
        String deviceKey = config.text(DEVICE_KEY, null);
        String productKey = config.text(PRODUCT_KEY, null);
        if (deviceKey == null && productKey == null) {
            throw new ConfigurationException(DEVICE_KEY, "is missing (or set " + PRODUCT_KEY + " to log in with the"
                    + " product key)");
        }
        if (deviceKey != null && productKey != null) {
            throw new ConfigurationException(PRODUCT_KEY, "is set together with " + DEVICE_KEY + "; set only one");
        }
        String key = deviceKey != null ? deviceKey : productKey;
        String keyName = deviceKey != null ? DEVICE_KEY : PRODUCT_KEY;
        try {
            java.util.Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(keyName, "is not base64 (copy it from the OneNET console as it is)");
        }
        TokenMethod method = parsed(TOKEN_METHOD, config.text(TOKEN_METHOD, SettingDefaults.TOKEN_METHOD), TokenMethod::parse);
        Duration ttl = Duration.ofMillis(config.positiveMillis(TOKEN_TTL, SettingDefaults.TOKEN_TTL_MS));
        if (ttl.toSeconds() < 60) {
            throw new ConfigurationException(TOKEN_TTL, "must be at least 60000 ms, not " + ttl.toMillis());
        }
        return new StudioCredentials(deviceName, key, productKey != null, method, ttl);
    }

    private static String tlsCa(String location, String brokerUrl) {
        if (location == null) {
            return null;
        }
        if (!brokerUrl.startsWith("ssl://")) {
            throw new ConfigurationException(TLS_CA, "is set but " + BROKER_URL + " is not an ssl:// URL");
        }
        if (location.startsWith("classpath:")) {
            if (OneNetSettings.class.getClassLoader().getResource(location.substring("classpath:".length())) == null) {
                throw new ConfigurationException(TLS_CA, "names a classpath resource that does not exist: '"
                        + location + "'");
            }
        } else if (!Files.isRegularFile(Path.of(location))) {
            throw new ConfigurationException(TLS_CA, "names a file that does not exist: '" + location + "'");
        }
        return location;
    }

    /**
     * The emulator runs only as the broker the device talks to: by default while {@code onenet.broker-url} points at
     * it and it is on the class path (not in the distribution), so a device configured for a real broker never starts
     * a local one loaded with its real secret. Asked for beside a foreign broker URL, it is a mistake that names both
     * keys.
     */
    private static boolean emulatorEnabled(SettingsReader config, String brokerUrl, String host, int port) {
        boolean pointsAtEmulator = pointsAtEmulator(brokerUrl, host, port);
        boolean enabled = config.bool(EMULATOR_ENABLED, pointsAtEmulator && LocalEmulator.find().isPresent());
        if (enabled && !pointsAtEmulator) {
            throw new ConfigurationException(EMULATOR_ENABLED, "is true, but " + BROKER_URL + " (" + brokerUrl
                    + ") is not the emulator (tcp://" + host + ":" + port + "): the emulator only runs as the broker"
                    + " the device talks to; set " + EMULATOR_ENABLED + "=false for a real broker");
        }
        return enabled;
    }

    /** Whether the device talks to the emulator's address ({@code onenet.emulator.host} and {@code .port}). */
    public boolean brokerIsEmulatorAddress() {
        return pointsAtEmulator(brokerUrl, emulatorHost, emulatorPort);
    }

    private static boolean pointsAtEmulator(String brokerUrl, String host, int port) {
        URI broker = URI.create(brokerUrl);
        return "tcp".equals(broker.getScheme()) && broker.getPort() == port
                && (broker.getHost().equals(host) || loopback(broker.getHost()) && loopback(host));
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127.");
    }

    private static String brokerUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() <= 0) {
                throw new ConfigurationException(BROKER_URL, "must look like tcp://host:port or ssl://host:port, not '"
                        + text + "'");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(BROKER_URL, "is not a URL: '" + text + "'");
        }
        return text;
    }

    private static Path directory(String key, String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key, "is not a path: '" + text + "'");
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new ConfigurationException(key, "names a file, not a directory: '" + text + "'");
        }
        return path;
    }

    @Override
    public String toString() {
        // authInfo is the device's password: never printed
        return "OneNetSettings[protocol=" + protocol.name().toLowerCase(java.util.Locale.ROOT) + ", brokerUrl="
                + brokerUrl + ", clientId=" + clientId() + ", productId=" + productId
                + (studio == null ? "" : ", " + studio) + (tlsCa == null ? "" : ", tlsCa=" + tlsCa)
                + ", uplinkPeriod=" + uplinkPeriodMillis + "ms, downlinkDir=" + downlinkDir + ", emulator="
                + emulatorEnabled + "]";
    }
}
