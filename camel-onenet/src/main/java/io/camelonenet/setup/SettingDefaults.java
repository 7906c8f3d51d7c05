package io.camelonenet.setup;

/**
 * The default of each device setting, once: {@link OneNetSettings} applies them, and the {@code onenet:} component's
 * options document them (annotation values, hence constants).
 */
public final class SettingDefaults {

    public static final String PROTOCOL = "legacy";
    public static final String TOKEN_METHOD = "sha256";
    public static final long TOKEN_TTL_MS = 86_400_000L;
    public static final String UPLINK_KIND = "datapoints";
    /** OneNET reports Beijing time. */
    public static final String TIME_ZONE = io.camelonenet.datapoint.OneNetTime.DEFAULT_ZONE_ID;
    public static final long REPLY_TIMEOUT_MS = 10_000;
    /**
     * A data-stream device of the MQTTS suite ({@code dp/post/json}): 100 QoS 1 publishes per 5 s
     * (docs/protocol-notes.md, Current platform topics and limits).
     */
    public static final int DATASTREAM_MAX_RATE = 20;
    /** A thing-model device or gateway of OneNET Studio / the new platform: 1 uplink message a second a connection. */
    public static final int THING_MODEL_MAX_RATE = 1;
    public static final int KEEP_ALIVE_S = 120;
    public static final long RECONNECT_MAX_DELAY_MS = 60_000;
    public static final int DOWNLINK_MAX_BYTES = 65536;
    public static final String DOWNLINK_DIR = "data/commands";
    public static final String DEAD_LETTER_DIR = "data/dead-letter";
    public static final long DEAD_LETTER_MAX_BYTES = 64L << 20;
    public static final String BUFFER_DIR = "data/buffer";
    public static final long BUFFER_MAX_BYTES = 64L << 20;
    public static final String BUFFER_POLICY = "drop-oldest";
    public static final String BUFFER_SYNC = "full";
    /** Beside the buffer: both are what one app keeps of its readings. */
    public static final String POINTS_STATE_FILE = "data/points/last-reported.json";

    public static final long OTA_CHECK_INTERVAL_MS = 3_600_000L;
    public static final String OTA_DIR = "data/ota";
    /** The current platform's API host (docs/protocol-notes.md, Firmware upgrades). */
    public static final String OTA_API_URL = "https://iot-api.heclouds.com";
    public static final String OTA_VERSION = "1.0";
    public static final long OTA_MAX_BYTES = 256L << 20;

    private SettingDefaults() {
    }

    /**
     * The publish rate each product generation allows: the legacy endpoint documents none (0, no limit); a data-stream
     * product 20 a second; a thing-model product ({@code properties}) 1 a second.
     */
    public static double maxRate(boolean studio, String uplinkKind) {
        if (!studio) {
            return 0;
        }
        return "properties".equals(uplinkKind) ? THING_MODEL_MAX_RATE : DATASTREAM_MAX_RATE;
    }
}
