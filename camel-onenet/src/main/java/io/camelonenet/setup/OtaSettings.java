package io.camelonenet.setup;

import io.camelonenet.ota.FirmwareDownload;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of firmware upgrades (current platform, docs/current-platform.md): off unless {@code onenet.ota.enabled}.
 *
 * @param enabled       whether the app checks for and applies upgrades
 * @param checkInterval how often it checks (it also checks at the start and on a command)
 * @param directory     where packages go, {@code <directory>/<device>/<target version>}, with the versions file
 * @param apiUrl        the OTA API's address: https, or http to a loopback address (a local emulator)
 * @param version       the firmware version a device runs until its first upgrade here
 * @param maxBytes      the largest package taken; a larger task is refused with step 102
 */
public record OtaSettings(boolean enabled, Duration checkInterval, Path directory, URI apiUrl, String version,
                          long maxBytes) {

    public static final String ENABLED = "onenet.ota.enabled";
    public static final String CHECK_INTERVAL = "onenet.ota.check-interval";
    public static final String DIR = "onenet.ota.dir";
    public static final String API_URL = "onenet.ota.api-url";
    public static final String VERSION = "onenet.ota.version";
    public static final String MAX_BYTES = "onenet.ota.max-bytes";

    public static OtaSettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        boolean enabled = config.bool(ENABLED, false);
        Duration interval = Duration.ofMillis(config.positiveMillis(CHECK_INTERVAL, SettingDefaults.OTA_CHECK_INTERVAL_MS));
        Path directory = Path.of(config.text(DIR, SettingDefaults.OTA_DIR));
        URI api = apiUrl(config.text(API_URL, SettingDefaults.OTA_API_URL));
        String version = config.text(VERSION, SettingDefaults.OTA_VERSION);
        if (!FirmwareDownload.SAFE_NAME.matcher(version).matches()) {
            throw new ConfigurationException(VERSION, "must be letters, digits, '.', '_' or '-' (at most 64), not '"
                    + io.camelonenet.inbound.LogText.of(version, 64) + "'");
        }
        long maxBytes = config.positive(MAX_BYTES, SettingDefaults.OTA_MAX_BYTES, "bytes");
        return new OtaSettings(enabled, interval, directory, api, version, maxBytes);
    }

    private static URI apiUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(API_URL, "is not a URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getUserInfo() != null
                || !"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback(uri.getHost()))) {
            throw new ConfigurationException(API_URL, "must be https://host[:port] (http:// only to a loopback"
                    + " address, a local emulator), not '" + io.camelonenet.inbound.LogText.of(text, 100) + "'");
        }
        return uri;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
