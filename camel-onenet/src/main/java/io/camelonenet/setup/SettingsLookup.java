package io.camelonenet.setup;

import org.apache.camel.spi.PropertiesComponent;

import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * How the app reads its keys: through Camel's property resolution, except the secrets. Camel's property parser logs
 * every value it resolves at DEBUG, an environment variable's included, whatever the sensitive keywords say; so the
 * secrets are read here, in the same order of precedence (environment variable, JVM system property, then the
 * properties files and the overrides an embedding application set), without that parser.
 */
public final class SettingsLookup implements Function<String, Optional<String>> {

    static final Set<String> SECRETS = Set.of(OneNetSettings.AUTH_INFO, OneNetSettings.DEVICE_KEY,
            OneNetSettings.PRODUCT_KEY);

    private final PropertiesComponent properties;

    public SettingsLookup(PropertiesComponent properties) {
        this.properties = properties;
    }

    @Override
    public Optional<String> apply(String key) {
        return SECRETS.contains(key) ? secret(key) : properties.resolveProperty(key);
    }

    private Optional<String> secret(String key) {
        String environment = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (environment != null) {
            return Optional.of(environment);
        }
        String system = System.getProperty(key);
        if (system != null) {
            return Optional.of(system);
        }
        Properties loaded = properties.loadProperties(key::equals);
        String value = loaded.getProperty(key);
        if (value != null && value.contains("{{")) {
            // a placeholder in the file (say {{env:NAME}}): only Camel can resolve it
            return properties.resolveProperty(key);
        }
        return Optional.ofNullable(value);
    }
}
