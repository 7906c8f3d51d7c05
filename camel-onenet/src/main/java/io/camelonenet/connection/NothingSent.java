package io.camelonenet.connection;

/**
 * Marks a publish failure that guarantees nothing reached the broker (not connected, refused by a guard), as opposed
 * to a connection lost mid-publish, after which the broker may have the message. The uplink buffer uses the
 * difference to count possible duplicates exactly.
 */
public interface NothingSent {

    /** Whether {@code failure} or one of its causes says that nothing was sent. */
    static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NothingSent) {
                return true;
            }
        }
        return false;
    }
}
