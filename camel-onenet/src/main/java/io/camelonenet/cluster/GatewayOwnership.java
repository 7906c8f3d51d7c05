package io.camelonenet.cluster;


import io.camelonenet.gateway.SubDeviceGateway;
import io.camelonenet.inbound.LogText;
import org.apache.camel.support.service.ServiceSupport;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A current-platform gateway in a cluster: its sub-devices travel over its one connection, so the instance that owns
 * the gateway carries them all. The readings are keyed by the gateway ({@code productId/deviceName}), which puts them
 * in one partition, in order; its owner logs the gateway in (and the gateway its sub-devices), takes the readings
 * into the gateway's {@link AwaitedReadings}, and on a hand-over stops taking them, lets the batch on its way be
 * answered, and logs the gateway out before the next owner logs it in. As a service it closes the connection when
 * the app stops.
 */
public final class GatewayOwnership extends ServiceSupport implements Ownership {

    private final String key;
    private final SubDeviceGateway gateway;
    private final AwaitedReadings readings;
    private final int inFlight;
    private volatile boolean owned;

    /**
     * @param key      the gateway's record key, {@code productId/deviceName}
     * @param inFlight readings in flight at once: the partition's window, since one key carries the whole gateway
     */
    public GatewayOwnership(String key, SubDeviceGateway gateway, AwaitedReadings readings, int inFlight) {
        this.key = key;
        this.gateway = gateway;
        this.readings = readings;
        this.inFlight = inFlight;
        gateway.servedWhile(() -> owned);
    }

    @Override
    public boolean knows(String recordKey) {
        return key.equals(recordKey);
    }

    @Override
    public String whyUnknown(String recordKey) {
        return "key " + LogText.of(recordKey) + " is not this gateway (" + key + "): a sub-device's readings are keyed by its "
                + "gateway";
    }

    @Override
    public String keyName() {
        return "the gateway, " + key;
    }

    @Override
    public List<String> keys() {
        return List.of(key);
    }

    @Override
    public int configured() {
        return gateway.configured();
    }

    @Override
    public int inFlightPerKey() {
        return inFlight;
    }

    @Override
    public void claim(Collection<String> keys) {
        if (keys.contains(key) && !owned) {
            owned = true;
            readings.open();
            gateway.connection().startConnecting();
        }
    }

    @Override
    public void stopSending(Collection<String> keys) {
        if (keys.contains(key)) {
            readings.handOver();
        }
    }

    @Override
    public CompletableFuture<Void> release(Collection<String> keys) {
        if (!keys.contains(key) || !owned) {
            return CompletableFuture.completedFuture(null);
        }
        owned = false;
        // again here: after a failure of the consumer itself it releases without stopping the sending first
        readings.handOver();
        return gateway.connection().suspend();
    }

    @Override
    protected void doStop() {
        gateway.connection().close();
    }
}
