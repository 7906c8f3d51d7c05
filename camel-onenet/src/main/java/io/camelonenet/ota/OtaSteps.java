package io.camelonenet.ota;

/**
 * The steps a device reports for a task (docs/protocol-notes.md, Firmware upgrades): 0-100 download progress (100:
 * downloaded, the task moves to upgrading), 102-107 the download failed, 201 upgraded, 202-207 the upgrade failed.
 */
public final class OtaSteps {

    public static final int DOWNLOADED = 100;
    /** The package is larger than this device may store ({@code onenet.ota.max-bytes}). */
    public static final int DOWNLOAD_NO_SPACE = 102;
    public static final int DOWNLOAD_UNKNOWN = 107;
    public static final int UPGRADED = 201;
    public static final int UPGRADE_WRONG_VERSION = 204;
    public static final int UPGRADE_MD5_MISMATCH = 205;
    public static final int UPGRADE_UNKNOWN = 206;

    private OtaSteps() {
    }

    /** A failed upgrade's code a route may give: 202 to 207. */
    public static boolean upgradeFailure(int step) {
        return step >= 202 && step <= 207;
    }
}
