package io.camelonenet.connection;

/** What a gateway hears from its devices' connections. Called on the client's I/O threads: do not block. */
public interface GatewayListener {

    void stateChanged(String deviceId, ConnectionState state);

    /** A message the platform pushed to the device (legacy: a command on {@code $creq/<cmduuid>}). */
    void messageArrived(String deviceId, String topic, byte[] payload);
}
