package io.camelonenet.app;

import io.camelonenet.connection.DeviceConnection;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Starts the device connection with the Camel context and closes it after the routes have stopped, so the last
 * replies still go out before the DISCONNECT.
 */
final class DeviceConnectionService extends ServiceSupport {

    private final DeviceConnection connection;

    DeviceConnectionService(DeviceConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void doStart() {
        connection.start();
    }

    @Override
    protected void doStop() {
        connection.close();
    }
}
