package io.camelonenet.app;

import io.camelonenet.setup.KeywordGuardedLogMask;
import io.camelonenet.support.SecretKeywords;
import io.camelonenet.setup.OneNetConfiguration;
import org.apache.camel.main.DefaultConfigurationProperties;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone app: {@code java -jar target/camel-onenet.jar}, or {@code bin/camel-onenet} of the distribution.
 * Runs the YAML routes of a {@code routes/} folder in the working directory if there is one (edit them without
 * rebuilding), else those of the distribution's {@code routes/}, else the ones inside the jar; reads
 * {@code application.properties} from the working directory over the distribution's {@code config/} over the bundled
 * defaults, key by key; environment variables override all ({@code ONENET_DEVICE_ID} for {@code onenet.device-id}).
 * With the argument {@code emulator} it runs only the local OneNET emulator; {@code --help} and {@code --version}
 * print and exit.
 */
public final class OneNetApplication {

    /** Set by the distribution's launcher: the directory holding {@code config/} and {@code routes/}. */
    static final String HOME = "onenet.home";

    /** Where the routes of {@code camel.main.routes-include-pattern} are looked up: a prefix ending in a slash. */
    static final String ROUTES_LOCATION = "onenet.routes.location";

    private OneNetApplication() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case "--help", "-h", "help" -> {
                System.out.print(CommandLine.help());
                return 0;
            }
            case "--version", "-v", "version" -> {
                System.out.print(CommandLine.version());
                return 0;
            }
            default -> {
                // below
            }
        }
        FatalErrors.install();
        try {
            if ("emulator".equals(command)) {
                if (!emulatorPresent()) {
                    System.err.println("The emulator is not part of this distribution: run it from the project's "
                            + "repository (java -jar target/camel-onenet.jar emulator)");
                    return StartupFailure.STARTUP_ERROR;
                }
                return EmulatorApplication.run();
            }
            if (!command.isEmpty()) {
                System.err.println("Unknown argument '" + command + "'. " + CommandLine.USAGE);
                return StartupFailure.USAGE_ERROR;
            }
            StartupPreload.begin();
            return createMain().runOrThrow();
        } catch (Exception e) {
            return StartupFailure.explain(e).report();
        }
    }

    /** Whether the emulator's module is on the class path: in the repository's target/lib, not in the distribution. */
    private static boolean emulatorPresent() {
        try {
            Class.forName("io.camelonenet.emulator.OneNetEmulator", false, OneNetApplication.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The app's camel-main, configured but not started; tests start the same wiring. */
    public static OneNetMain createMain() {
        OneNetMain main = new OneNetMain();
        main.setPropertyPlaceholderLocations(propertyLocations());
        main.addInitialProperty(ROUTES_LOCATION, routesLocation());
        main.addMainListener(new RoutesFolder());
        main.addMainListener(new LauncherReadyFile());
        main.addMainListener(new ManagementServer());
        main.configure().addConfiguration(OneNetConfiguration.class);
        registerSecretKeys(main);
        serveHealthAndMetrics(main);
        return main;
    }

    /**
     * The management server's defaults: on, on the loopback interface only, health with details and metrics. Camel's
     * exchange event notifier is off: at the end of every exchange it searches the whole meter registry for its gauge,
     * and a gateway's registry holds meters for each of its devices. With 10,000 devices that search took most of
     * the app's CPU (docs/performance.md, gateway). The route meters and the app's own meters stay.
     */
    static final Map<String, String> MANAGEMENT_DEFAULTS = Map.of(
            "camel.metrics.enable-exchange-event-notifier", "false",
            "camel.management.enabled", "true",
            "camel.management.host", "127.0.0.1",
            "camel.management.port", "9876",
            "camel.management.health-check-enabled", "true",
            "camel.management.metrics-enabled", "true",
            "camel.metrics.enabled", "true",
            "camel.health.exposure-level", "full");

    /**
     * Health and metrics over HTTP by default, where the server (camel-platform-http-main) is on the class path; as
     * initial properties, so that the properties files, system properties and the environment override each key.
     */
    private static void serveHealthAndMetrics(Main main) {
        try {
            Class.forName("org.apache.camel.component.platform.http.main.ManagementHttpServer", false,
                    OneNetApplication.class.getClassLoader());
        } catch (ClassNotFoundException notOnTheClassPath) {
            return;
        }
        MANAGEMENT_DEFAULTS.forEach(main::addInitialProperty);
        main.addMainListener(managementListener("ManagementThreads"));
        main.addMainListener(managementListener("StatusPage"));
    }

    /** A listener compiled with the management server (src/observability/: its threads, the status page). */
    private static org.apache.camel.main.MainListener managementListener(String simpleName) {
        try {
            return (org.apache.camel.main.MainListener) Class.forName("io.camelonenet.app." + simpleName)
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException absent) {
            throw new IllegalStateException("the management server is on the class path, " + simpleName
                    + " is not", absent);
        }
    }

    /**
     * The working directory's file, then the distribution's {@code config/} file, then the bundled defaults: for a
     * key in several, Camel takes the first location's value, so each overrides the next key by key (environment
     * variables override all).
     */
    static String propertyLocations() {
        StringBuilder locations = new StringBuilder("file:application.properties;optional=true,");
        home().ifPresent(home -> locations.append("file:").append(home.resolve("config/application.properties"))
                .append(";optional=true,"));
        return locations.append("classpath:application.properties;optional=true").toString();
    }

    /**
     * The routes: a {@code routes/} folder in the working directory takes over (the repository's own, or a user's),
     * then the distribution's, then the copies inside the jar, so that the app starts from any directory.
     */
    static String routesLocation() {
        if (Files.isDirectory(Path.of("routes"))) {
            return "file:routes/";
        }
        return home().map(home -> home.resolve("routes"))
                .filter(Files::isDirectory)
                .map(routes -> "file:" + routes + "/")
                .orElse("classpath:routes/");
    }

    private static Optional<Path> home() {
        return Optional.ofNullable(System.getProperty(HOME)).map(Path::of);
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
        main.addInitialProperty(KeywordGuardedLogMask.ADDITIONAL_KEYWORDS, SecretKeywords.KEYWORDS);
    }
}
