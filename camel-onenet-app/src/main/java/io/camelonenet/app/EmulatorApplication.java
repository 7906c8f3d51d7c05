package io.camelonenet.app;

import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.gateway.InvalidDevicesFileException;
import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.setup.GatewaySettings;
import io.camelonenet.emulator.EmulatorService;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.setup.SettingsLookup;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.util.concurrent.CountDownLatch;

/**
 * The emulator on its own, for trying other OneNET clients (MQTT.fx, the original Python script) against it:
 * {@code java -jar target/camel-onenet.jar emulator}. It accepts the device of the app's configuration
 * ({@code onenet.device-id}, {@code onenet.product-id}, {@code onenet.auth-info}) on {@code onenet.emulator.host}:
 * {@code onenet.emulator.port}, and every device of {@code onenet.devices.file} if set, logs what it decodes, and
 * runs until stopped (Ctrl+C or SIGTERM).
 */
final class EmulatorApplication {

    /** A file to append every decoded upload to, one JSON line each (for fault tests in another process). */
    static final String JOURNAL = "onenet.emulator.journal";

    private EmulatorApplication() {
    }

    static int run() throws Exception {
        OneNetSettings settings;
        String journal;
        // a context only for its property resolution: never started, so never stopped (whose "shutting down" lines
        // would open the emulator's log as if it had failed)
        CamelContext camel = new DefaultCamelContext();
        // the same property sources, in the same order, as the app itself
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.setLocation(OneNetApplication.propertyLocations());
        settings = OneNetSettings.read(new SettingsLookup(properties));
        journal = properties.resolveProperty(JOURNAL).orElse(null);
        EmulatorService.checkPortFree(settings.emulatorHost(), settings.emulatorPort());
        OneNetEmulator.Builder builder = OneNetEmulator.builder();
        if (journal != null) {
            builder.journal(java.nio.file.Path.of(journal));
        }
        GatewaySettings gateway = GatewaySettings.read(new SettingsLookup(properties));
        if (gateway.enabled()) {
            // every device of a gateway's devices file too, each with its own credentials
            try {
                builder.devices(DevicesFile.legacy().read(gateway.devicesFile()));
            } catch (InvalidDevicesFileException e) {
                throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "is not usable: " + e.getMessage());
            }
        }
        OneNetEmulator emulator = builder
                .bindAddress(settings.emulatorHost())
                .port(settings.emulatorPort())
                .device(settings.deviceId(), settings.productId(), settings.authInfo())
                .commandPeriod(settings.emulatorCommandPeriod())
                .build()
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stopForExit();
            stopped.countDown();
        }, "onenet-emulator-shutdown"));
        stopped.await();
        return 0;
    }
}
