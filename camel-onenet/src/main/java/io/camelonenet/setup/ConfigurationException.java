package io.camelonenet.setup;

/** A configuration key is missing or wrong. The message names the key, the value and what is expected. */
public class ConfigurationException extends RuntimeException {

    private final String key;
    private final String problem;

    public ConfigurationException(String key, String problem) {
        super(key + " " + problem + " (set it in application.properties or as " + environmentName(key) + ")");
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong with the key's value, without the key. */
    public String problem() {
        return problem;
    }

    public String key() {
        return key;
    }

    /** Camel's mapping of a property key to the environment variable that overrides it. */
    public static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
