package io.camelonenet.connection;

/**
 * Marks a publish failure that guarantees nothing reached the broker (not connected, refused by a guard), as opposed
 * to a connection lost mid-publish, after which the broker may have the message. The uplink buffer uses the
 * difference to count possible duplicates exactly.
 */
public interface NothingSent {
}
