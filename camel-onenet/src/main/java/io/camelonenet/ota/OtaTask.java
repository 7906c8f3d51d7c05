package io.camelonenet.ota;

/**
 * An upgrade task the platform has for a device: its id, the version it upgrades to, the package's size and MD5 (hex),
 * and its status (1 waiting, 2 downloading, 3 upgrading, 4 succeeded, 5 failed, 6 cancelled).
 */
public record OtaTask(long tid, String target, long size, String md5, int status) {

    public static final int WAITING = 1;
    public static final int DOWNLOADING = 2;
    public static final int UPGRADING = 3;
    public static final int SUCCEEDED = 4;
    public static final int FAILED = 5;
    public static final int CANCELLED = 6;

    /** Succeeded, failed or cancelled: the platform takes no more steps for it. */
    public static boolean ended(int status) {
        return status >= SUCCEEDED;
    }
}
