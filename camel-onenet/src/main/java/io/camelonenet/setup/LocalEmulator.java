package io.camelonenet.setup;

import org.apache.camel.Service;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The local OneNET emulator as the wiring sees it: a service that runs the device's broker for as long as the Camel
 * context runs. The emulator is a test kit ({@code camel-onenet-emulator}) that the library does not depend on; when it
 * is on the classpath (the standalone app, or an embedding application's tests) it provides this interface through
 * {@link ServiceLoader}, and {@code onenet.emulator.enabled} can start it.
 */
public interface LocalEmulator {

    /** A service that starts the emulator, accepting the configured device, and stops it. */
    Service forDevice(OneNetSettings settings);

    /** A service that starts the emulator, accepting every device of a gateway's devices file, and stops it. */
    Service forGateway(OneNetSettings settings, io.camelonenet.gateway.DeviceRegistry devices);

    /** The emulator if its module is on the classpath. */
    static Optional<LocalEmulator> find() {
        return ServiceLoader.load(LocalEmulator.class, LocalEmulator.class.getClassLoader()).findFirst();
    }
}
