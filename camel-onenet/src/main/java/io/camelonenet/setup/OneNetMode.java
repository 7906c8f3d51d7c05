package io.camelonenet.setup;

import io.camelonenet.setup.OneNetSettings.Protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the app runs, decided once from the configuration: which OneNET ({@code onenet.protocol}, any case) and what
 * it carries (one device; a gateway when {@code onenet.devices.file} is set; a cluster instance when
 * {@code onenet.cluster.kafka.bootstrap-servers} is set too). It chooses both the folder of bundled routes and the
 * one wiring class of the mode, so the two never disagree.
 */
public record OneNetMode(Protocol protocol, Shape shape) {

    /** What one app carries. */
    public enum Shape {
        /** One device over one connection ({@link DeviceWiring}). */
        DEVICE,
        /** The devices of a devices file: legacy devices or current-platform sub-devices ({@link GatewayWiring}). */
        GATEWAY,
        /** A gateway whose readings come from Kafka, shared among instances ({@link ClusterWiring}). */
        CLUSTER
    }

    /** Reads {@code onenet.protocol}, {@code onenet.devices.file} and the cluster's bootstrap servers. */
    public static OneNetMode read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        Protocol protocol = protocol(config.text(OneNetSettings.PROTOCOL, "legacy"));
        boolean gateway = config.text(GatewaySettings.DEVICES_FILE, null) != null;
        boolean cluster = config.text(ClusterSettings.BOOTSTRAP_SERVERS, null) != null;
        if (cluster && !gateway) {
            throw new ConfigurationException(ClusterSettings.BOOTSTRAP_SERVERS, "is set without "
                    + GatewaySettings.DEVICES_FILE + ": a cluster instance needs the devices file (each device's "
                    + "credentials)");
        }
        return new OneNetMode(protocol, cluster ? Shape.CLUSTER : gateway ? Shape.GATEWAY : Shape.DEVICE);
    }

    /**
     * The folder of the mode's bundled routes under {@code routes/}: {@code legacy} or {@code studio} for one
     * device, {@code gateway/…} or {@code cluster/…} otherwise.
     */
    public String routesFolder() {
        String name = protocolName();
        return switch (shape) {
            case DEVICE -> name;
            case GATEWAY -> "gateway/" + name;
            case CLUSTER -> "cluster/" + name;
        };
    }

    /** {@code legacy} or {@code studio}, as the key spells it and the routes read it. */
    public String protocolName() {
        return protocol.name().toLowerCase(Locale.ROOT);
    }

    public boolean studio() {
        return protocol == Protocol.STUDIO;
    }

    static Protocol protocol(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "legacy" -> Protocol.LEGACY;
            case "studio" -> Protocol.STUDIO;
            default -> throw new ConfigurationException(OneNetSettings.PROTOCOL, "must be legacy or studio, not '"
                    + text + "'");
        };
    }

    @Override
    public String toString() {
        return protocolName() + " " + shape.name().toLowerCase(Locale.ROOT);
    }
}
