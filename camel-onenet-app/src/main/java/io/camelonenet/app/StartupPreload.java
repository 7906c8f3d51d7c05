package io.camelonenet.app;

import io.camelonenet.buffer.SqliteUplinkBuffer;
import io.camelonenet.connection.DeviceConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares, on a second thread while camel-main reads its configuration and routes, two things the main thread needs
 * later and would otherwise wait for: SQLite's native library (extracted and linked on first use, about 0.2 s here)
 * and Paho's client with its message catalog. Found by profiling the app's start-up to its first datapoint; the
 * machines this runs on have two cores or more. A failure here is left to the main thread, which reports it properly.
 */
final class StartupPreload {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPreload.class);

    private StartupPreload() {
    }

    static void begin() {
        Thread preload = new Thread(() -> {
            try {
                SqliteUplinkBuffer.loadNativeLibrary();
                DeviceConnection.loadClientClasses();
            } catch (Exception | LinkageError e) {
                LOG.debug("preloading failed; the main thread loads it when needed: {}", e.toString());
            }
        }, "onenet-preload");
        preload.setDaemon(true);
        preload.start();
    }
}
