package io.camelonenet.cluster;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What an instance connects for the record keys of its partitions, and lets go of when they move: legacy devices
 * (a key per device, a connection each: {@link DeviceOwnership}), or a current-platform gateway (one key, one
 * connection carrying its sub-devices: {@link GatewayOwnership}). Called by the consumer's poll thread.
 */
public interface Ownership {

    /** Whether a record key names something this instance's configuration can connect. */
    boolean knows(String key);

    /** Why a record with this key cannot be sent, for its dead letter. */
    String whyUnknown(String key);

    /** What a record key names, for a dead letter's reason: {@code "device id"}. */
    String keyName();

    /** Every key of the configuration. */
    List<String> keys();

    /** How many devices this instance serves now (its owned devices, or its owned gateway's sub-devices). */
    int configured();

    /** Readings of one key in flight at once. */
    int inFlightPerKey();

    /** These keys' partitions were assigned: connect them (one already connected is left alone). */
    void claim(Collection<String> keys);

    /** These keys' partitions are revoked: send nothing new for them; what is on its way may finish. */
    void stopSending(Collection<String> keys);

    /** Disconnects these keys; completes once they are logged out, before the next owner may log them in. */
    CompletableFuture<Void> release(Collection<String> keys);
}
