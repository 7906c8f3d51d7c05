package io.camelonenet.app;

import io.camelonenet.datapoint.OneNetTime;

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
 * README's configuration table.
 */
public record OneNetSettings(
        String brokerUrl,
        String deviceId,
        String productId,
        String authInfo,
        int keepAliveSeconds,
        Duration maxReconnectDelay,
        long uplinkPeriodMillis,
        String uplinkTimeZone,
        Path downlinkDir,
        int downlinkMaxBytes,
        Path deadLetterDir,
        boolean emulatorEnabled,
        String emulatorHost,
        int emulatorPort,
        Duration emulatorCommandPeriod) {

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
    public static final String DEAD_LETTER_DIR = "onenet.dead-letter.dir";
    public static final String EMULATOR_ENABLED = "onenet.emulator.enabled";
    public static final String EMULATOR_HOST = "onenet.emulator.host";
    public static final String EMULATOR_PORT = "onenet.emulator.port";
    public static final String EMULATOR_COMMAND_PERIOD = "onenet.emulator.command-period";

    /** Reads every key through {@code lookup} (Camel's property resolution) and checks it. */
    public static OneNetSettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        String brokerUrl = brokerUrl(config.required(BROKER_URL));
        String deviceId = config.required(DEVICE_ID);
        String productId = config.required(PRODUCT_ID);
        String authInfo = config.required(AUTH_INFO);
        int keepAlive = config.intBetween(KEEP_ALIVE, 120, 0, 65535);
        Duration maxReconnectDelay = Duration.ofMillis(config.positiveMillis(RECONNECT_MAX_DELAY, 60_000));
        if (maxReconnectDelay.toMillis() < 1000) {
            throw new ConfigurationException(RECONNECT_MAX_DELAY, "must be at least 1000 ms, not "
                    + maxReconnectDelay.toMillis());
        }
        long period = config.positiveMillis(UPLINK_PERIOD, 5000);
        String zone = config.text(UPLINK_TIME_ZONE, OneNetTime.DEFAULT_ZONE.getId());
        try {
            OneNetTime.zone(zone);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(UPLINK_TIME_ZONE, "is wrong: " + e.getMessage());
        }
        Path downlinkDir = directory(DOWNLINK_DIR, config.text(DOWNLINK_DIR, "data/commands"));
        int maxBytes = config.intBetween(DOWNLINK_MAX_BYTES, 65536, 1, 256 * 1024 * 1024);
        Path deadLetterDir = directory(DEAD_LETTER_DIR, config.text(DEAD_LETTER_DIR, "data/dead-letter"));
        boolean emulator = config.bool(EMULATOR_ENABLED, false);
        String emulatorHost = config.text(EMULATOR_HOST, "127.0.0.1");
        int emulatorPort = config.intBetween(EMULATOR_PORT, 6002, 1, 65535);
        Duration commandPeriod = Duration.ofMillis(config.nonNegativeMillis(EMULATOR_COMMAND_PERIOD, 15_000));
        return new OneNetSettings(brokerUrl, deviceId, productId, authInfo, keepAlive, maxReconnectDelay, period, zone,
                downlinkDir, maxBytes, deadLetterDir, emulator, emulatorHost, emulatorPort, commandPeriod);
    }

    private static String brokerUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
                throw new ConfigurationException(BROKER_URL, "must look like tcp://host:port, not '" + text + "'");
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
        return "OneNetSettings[brokerUrl=" + brokerUrl + ", deviceId=" + deviceId + ", productId=" + productId
                + ", uplinkPeriod=" + uplinkPeriodMillis + "ms, downlinkDir=" + downlinkDir + ", emulator="
                + emulatorEnabled + "]";
    }
}
