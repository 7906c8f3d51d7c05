package io.camelonenet.app;

import org.apache.camel.main.DefaultConfigurationProperties;
import org.apache.camel.main.Main;

/**
 * The standalone app: {@code java -jar target/camel-onenet.jar} from the repository root. Loads the YAML routes from
 * {@code routes/} (edit them without rebuilding) and {@code application.properties} from the working directory on top
 * of the bundled one; environment variables override both ({@code ONENET_DEVICE_ID} for {@code onenet.device-id}).
 * With the argument {@code emulator} it runs only the local OneNET emulator.
 */
public final class OneNetApplication {

    /**
     * The working directory's file, then the bundled defaults: for a key in both, Camel takes the first location's
     * value, so the working directory's file overrides the bundled one key by key (environment variables override
     * both).
     */
    static final String PROPERTY_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties;optional=true";

    /** Exit status for a configuration mistake, distinct from Camel's generic failure. */
    static final int CONFIGURATION_ERROR = 2;

    private OneNetApplication() {
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            if (args.length > 0 && "emulator".equals(args[0])) {
                status = EmulatorApplication.run();
            } else {
                StartupPreload.begin();
                status = createMain().run(args);
            }
        } catch (Exception e) {
            ConfigurationException mistake = configurationMistake(e);
            if (mistake == null) {
                throw e;
            }
            System.err.println("Configuration error: " + mistake.getMessage());
            status = CONFIGURATION_ERROR;
        }
        System.exit(status);
    }

    /** The app's camel-main, configured but not started; tests start the same wiring. */
    public static Main createMain() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(PROPERTY_LOCATIONS);
        main.configure().addConfiguration(OneNetConfiguration.class);
        registerSecretKeys(main);
        return main;
    }

    /**
     * Names the secrets' keys for Camel's masking, so that every Camel logging option (the configuration summary
     * among them) masks their values. Camel compares the last part of a key without its dashes, its log mask the key
     * as written: both forms. Camel 4.14 has no such setting and refuses an unknown one, so it is set only where it
     * exists; a value in application.properties still wins.
     */
    private static void registerSecretKeys(Main main) {
        try {
            DefaultConfigurationProperties.class.getMethod("setAdditionalSensitiveKeywords", String.class);
        } catch (NoSuchMethodException camel414) {
            return;
        }
        main.addInitialProperty(KeywordGuardedLogMask.ADDITIONAL_KEYWORDS,
                "authinfo,auth-info,devicekey,device-key,productkey,product-key");
    }

    /** Camel wraps what a configuration class throws; find our own exception in the chain. */
    static ConfigurationException configurationMistake(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException mistake) {
                return mistake;
            }
        }
        return null;
    }
}
