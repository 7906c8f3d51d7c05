package io.camelonenet.app;

import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the standalone app: checks the configuration, starts the emulator when enabled, and binds the device's one
 * connection as {@code onenetConnection} and its shared MQTT client as {@code onenetClient}, which every paho endpoint
 * in the YAML routes references ({@code client: "#bean:onenetClient"}).
 */
public class OneNetConfiguration implements CamelConfiguration {

    public static final String CONNECTION_BEAN = "onenetConnection";
    public static final String CLIENT_BEAN = "onenetClient";

    private static final Logger LOG = LoggerFactory.getLogger(OneNetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        OneNetSettings settings = OneNetSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        LOG.info("Configuration: {}", settings);
        if (settings.emulatorEnabled()) {
            OneNetEmulator emulator = OneNetEmulator.builder()
                    .bindAddress(settings.emulatorHost())
                    .port(settings.emulatorPort())
                    .device(settings.deviceId(), settings.productId(), settings.authInfo())
                    .commandPeriod(settings.emulatorCommandPeriod())
                    .build();
            context.addService(new EmulatorService(emulator), true, true);
        }
        ConnectionSettings connection = ConnectionSettings
                .of(settings.brokerUrl(), settings.deviceId(), settings.productId(),
                        PasswordSource.fixed(settings.authInfo()))
                .withKeepAliveSeconds(settings.keepAliveSeconds())
                .withMaxReconnectDelay(settings.maxReconnectDelay());
        DeviceConnection device = new DeviceConnection(connection);
        context.getRegistry().bind(CONNECTION_BEAN, device);
        context.getRegistry().bind(CLIENT_BEAN, device.client());
        context.addService(new DeviceConnectionService(device), true, true);
    }
}
