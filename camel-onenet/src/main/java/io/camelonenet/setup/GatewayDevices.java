package io.camelonenet.setup;

import io.camelonenet.gateway.DeviceRegistry;
import io.camelonenet.gateway.DevicesFile;
import io.camelonenet.gateway.InvalidDevicesFileException;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every gateway and cluster mode starts from: the devices file read and checked with the reader of its protocol
 * (which re-reads it while the app runs), the optional libraries the mode needs found on the class path, and the
 * emulator started for these devices when it is on.
 */
record GatewayDevices(DevicesFile reader, DeviceRegistry registry) {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayDevices.class);

    static GatewayDevices read(CamelContext context, OneNetSettings settings, GatewaySettings gateway,
                               boolean cluster) throws Exception {
        boolean studio = settings.protocol() == OneNetSettings.Protocol.STUDIO;
        if (cluster) {
            requireClass("org.apache.kafka.clients.consumer.KafkaConsumer", ClusterSettings.BOOTSTRAP_SERVERS,
                    "the Kafka client", "org.apache.camel:camel-kafka");
        }
        if (!studio) {
            requireClass("com.hivemq.client.mqtt.MqttClient", GatewaySettings.DEVICES_FILE,
                    "the gateway's MQTT client", "com.hivemq:hivemq-mqtt-client");
        }
        DevicesFile reader = studio ? DevicesFile.studio() : DevicesFile.legacy();
        DeviceRegistry devices;
        try {
            devices = reader.read(gateway.devicesFile());
        } catch (InvalidDevicesFileException e) {
            throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "is not usable: " + e.getMessage());
        }
        if (studio && devices.size() > SubDeviceWiring.MAX_SUB_DEVICES) {
            throw new ConfigurationException(GatewaySettings.DEVICES_FILE, "lists " + devices.size() + " sub-devices; "
                    + "a gateway's topology holds at most " + SubDeviceWiring.MAX_SUB_DEVICES + " (the platform's limit)");
        }
        devices.warnings().forEach(LOG::warn);
        if (settings.emulatorEnabled()) {
            context.addService(LocalEmulator.find()
                    .orElseThrow(() -> new ConfigurationException(OneNetSettings.EMULATOR_ENABLED, "is true but the "
                            + "emulator is not on the classpath: add io.camelonenet:camel-onenet-emulator"))
                    .forGateway(settings, devices), true, true);
        }
        return new GatewayDevices(reader, devices);
    }

    private static void requireClass(String className, String key, String what, String artifact) {
        try {
            Class.forName(className, false, GatewayDevices.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(key, "is set, but " + what + " is not on the class path: add " + artifact
                    + " (an optional dependency of camel-onenet)");
        }
    }
}
