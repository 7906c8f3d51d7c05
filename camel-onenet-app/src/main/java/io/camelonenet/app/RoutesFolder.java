package io.camelonenet.app;

import io.camelonenet.setup.OneNetMode;
import io.camelonenet.setup.SettingsLookup;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Chooses the folder of bundled routes, {@code onenet.routes.folder}, from the app's {@link OneNetMode}: the same
 * decision that chooses the wiring, so routes and beans always belong to one mode. camel-main reads the routes
 * include pattern before the app's wiring runs, so this is decided as soon as the properties are loaded, from the
 * same sources (environment, files, system properties). A folder set explicitly is left alone.
 */
final class RoutesFolder extends MainListenerSupport {

    static final String KEY = "onenet.routes.folder";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        if (properties.resolveProperty(KEY).isPresent()) {
            return;
        }
        properties.addOverrideProperty(KEY, OneNetMode.read(new SettingsLookup(properties)).routesFolder());
    }
}
