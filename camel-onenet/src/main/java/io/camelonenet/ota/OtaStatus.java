package io.camelonenet.ota;

/**
 * Where one device's upgrade is, for the log, readiness and the meters: its state, the version it runs, the task's
 * target and id (when there is one), the download's percent, and what happened last (escaped).
 */
public record OtaStatus(State state, String version, String target, long tid, int percent, String detail) {

    /** The states, in the order an upgrade goes through them. */
    public enum State {
        IDLE, CHECKING, DOWNLOADING, APPLYING, SUCCEEDED, FAILED, CANCELLED, RETRYING
    }

    public static OtaStatus idle(String version, String detail) {
        return new OtaStatus(State.IDLE, version, null, -1, 0, detail);
    }
}
