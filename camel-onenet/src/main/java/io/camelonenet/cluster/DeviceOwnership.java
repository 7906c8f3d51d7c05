package io.camelonenet.cluster;

import io.camelonenet.gateway.Gateway;

import io.camelonenet.inbound.LogText;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Legacy devices in a cluster: a record key is a device id of the devices file, and each owned device has its own
 * connection, up to {@link #IN_FLIGHT} readings in flight on it (an MQTT connection keeps them in order).
 */
public final class DeviceOwnership implements Ownership {

    static final int IN_FLIGHT = 10;

    private final Gateway gateway;

    public DeviceOwnership(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean knows(String key) {
        return gateway.registry().device(key).isPresent();
    }

    @Override
    public String whyUnknown(String key) {
        return "device " + LogText.of(key) + " is not in the devices file";
    }

    @Override
    public String keyName() {
        return "device id";
    }

    @Override
    public List<String> keys() {
        return gateway.deviceIds();
    }

    @Override
    public int configured() {
        return gateway.configured();
    }

    @Override
    public int inFlightPerKey() {
        return IN_FLIGHT;
    }

    @Override
    public void claim(Collection<String> keys) {
        gateway.claim(keys);
    }

    @Override
    public void stopSending(Collection<String> keys) {
        // a device's readings reach its connection only through its lane, which the consumer stopped already
    }

    @Override
    public CompletableFuture<Void> release(Collection<String> keys) {
        return gateway.release(keys);
    }
}
