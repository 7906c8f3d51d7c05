package io.camelonenet.app;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Chooses the folder of bundled routes, {@code onenet.routes.folder}: {@code legacy} or {@code studio} for one device
 * ({@code onenet.protocol}), {@code gateway/legacy} when {@code onenet.devices.file} is set, {@code cluster/legacy} or
 * {@code cluster/studio} when {@code onenet.cluster.kafka.bootstrap-servers} is too. camel-main reads the
 * routes include pattern before the app's wiring runs, so this is decided as soon as the properties are loaded,
 * from the same sources (environment, files, system properties). A folder set explicitly is left alone.
 */
final class RoutesFolder extends MainListenerSupport {

    static final String KEY = "onenet.routes.folder";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        if (properties.resolveProperty(KEY).isPresent()) {
            return;
        }
        boolean gateway = properties.resolveProperty("onenet.devices.file").filter(file -> !file.isBlank())
                .isPresent();
        boolean cluster = properties.resolveProperty("onenet.cluster.kafka.bootstrap-servers")
                .filter(servers -> !servers.isBlank()).isPresent();
        String protocol = properties.resolveProperty("onenet.protocol").orElse("legacy").strip();
        properties.addOverrideProperty(KEY, cluster ? "cluster/" + protocol : gateway ? "gateway/" + protocol : protocol);
    }
}
