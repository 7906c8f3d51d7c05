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
    /** The MQTTS suite allows 100 QoS 1 publishes per 5 s; the legacy endpoint documents no limit. */
    public static final int STUDIO_MAX_RATE = 20;
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

    private SettingDefaults() {
    }
}
