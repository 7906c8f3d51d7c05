package io.camelonenet.setup;

import io.camelonenet.health.GatewayMeters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of a gateway: one process carrying the devices of a devices file. Without {@code onenet.devices.file} the
 * app serves the single configured device, exactly as before.
 *
 * @param devicesFile  the devices file, or {@code null} for a single device
 * @param drainTimeout how long a device removed from the file stays connected to send its buffered readings
 * @param connectRate  the most logins a second, jittered (also after a broker restart)
 * @param pruneTopology current platform: unbind a sub-device removed from the file (topo/delete); by default it is
 *                     only logged out, so that nothing a person bound in the console is undone
 * @param deviceMeters  meters per device (tag {@code device}) for a gateway of at most this many devices; above,
 *                      the same meters summed over the devices ({@code GatewayMeters})
 */
public record GatewaySettings(Path devicesFile, Duration drainTimeout, double connectRate, boolean pruneTopology,
                              int deviceMeters) {

    public static final String DEVICES_FILE = "onenet.devices.file";
    public static final String DRAIN_TIMEOUT = "onenet.devices.drain-timeout";
    public static final String CONNECT_RATE = "onenet.connect.rate";
    public static final String PRUNE_TOPOLOGY = "onenet.gateway.prune-topology";
    public static final String DEVICE_METERS = "onenet.gateway.device-meters";

    public static GatewaySettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        String file = config.text(DEVICES_FILE, "");
        Duration drain = Duration.ofMillis(config.nonNegativeMillis(DRAIN_TIMEOUT, 30_000));
        double rate = config.decimal(CONNECT_RATE, 50);
        if (rate <= 0) {
            throw new ConfigurationException(CONNECT_RATE, "must be above 0 logins a second, not " + rate);
        }
        return new GatewaySettings(file.isBlank() ? null : Path.of(file.strip()), drain, rate,
                config.bool(PRUNE_TOPOLOGY, false),
                config.intBetween(DEVICE_METERS, GatewayMeters.DEFAULT_DEVICE_METERS, 0, Integer.MAX_VALUE));
    }

    public boolean enabled() {
        return devicesFile != null;
    }
}
