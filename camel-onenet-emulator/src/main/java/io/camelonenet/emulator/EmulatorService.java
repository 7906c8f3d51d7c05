package io.camelonenet.emulator;

import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.setup.LocalEmulator;
import io.camelonenet.setup.OneNetSettings;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceSupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Runs the local OneNET emulator for as long as the Camel context runs, accepting the configured device: what
 * {@code onenet.emulator.enabled} starts when this test kit is on the classpath.
 */
public final class EmulatorService extends ServiceSupport implements LocalEmulator {

    private final OneNetEmulator emulator;

    /** For {@link java.util.ServiceLoader}: the provider, not a running emulator. */
    public EmulatorService() {
        this.emulator = null;
    }

    private EmulatorService(OneNetEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public Service forDevice(OneNetSettings settings) {
        // while the app is configured, not when the context starts: a failure there is logged with stack traces
        checkPortFree(settings.emulatorHost(), settings.emulatorPort());
        return new EmulatorService(emulatorFor(settings));
    }

    @Override
    public Service forGateway(OneNetSettings settings, DeviceRegistry devices) {
        checkPortFree(settings.emulatorHost(), settings.emulatorPort());
        OneNetEmulator.Builder emulator = OneNetEmulator.builder()
                .bindAddress(settings.emulatorHost())
                .port(settings.emulatorPort())
                .commandPeriod(settings.emulatorCommandPeriod());
        if (settings.protocol() == OneNetSettings.Protocol.LEGACY) {
            emulator.devices(devices);
        } else {
            // the configured device is the gateway; the file's devices are its sub-devices, each with its own key
            if (settings.studio().productKey()) {
                emulator.studioDeviceWithProductKey(settings.productId(), settings.clientId(), settings.studio().key());
            } else {
                emulator.studioDevice(settings.productId(), settings.clientId(), settings.studio().key());
            }
            devices.devices().forEach(device -> emulator.subDevice(settings.clientId(), device.productId(),
                    device.id(), device.secret()));
        }
        return new EmulatorService(emulator.build());
    }

    /** The emulator accepting the device of these settings, on the configured address and port. */
    public static OneNetEmulator emulatorFor(OneNetSettings settings) {
        OneNetEmulator.Builder emulator = OneNetEmulator.builder()
                .bindAddress(settings.emulatorHost())
                .port(settings.emulatorPort())
                .commandPeriod(settings.emulatorCommandPeriod());
        if (settings.protocol() == OneNetSettings.Protocol.LEGACY) {
            emulator.device(settings.deviceId(), settings.productId(), settings.authInfo());
        } else if (settings.studio().productKey()) {
            emulator.studioDeviceWithProductKey(settings.productId(), settings.clientId(), settings.studio().key());
        } else {
            emulator.studioDevice(settings.productId(), settings.clientId(), settings.studio().key());
        }
        return emulator.build();
    }

    @Override
    protected void doStart() {
        emulator.start();
    }

    /**
     * A port in use (a second instance, say) is a configuration matter with one line naming the key, found before the
     * broker starts: the broker itself would log errors and stack traces and a stop that never was.
     */
    public static void checkPortFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ConfigurationException(OneNetSettings.EMULATOR_PORT, "is " + port + ", but " + host + ":" + port
                    + " is in use (another instance of the app or emulator?): stop it, or choose another port");
        }
    }

    @Override
    protected void doStop() {
        // the app exits after its context stops: no need to wait seconds for the broker's threads to go quiet
        emulator.stopForExit();
    }
}
