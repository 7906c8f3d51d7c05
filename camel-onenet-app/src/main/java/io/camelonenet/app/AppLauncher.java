package io.camelonenet.app;

/**
 * The jar's entry point: checks that the app's libraries are there before any class that needs them is loaded, so
 * that a jar copied without its {@code lib/} folder says so in one line instead of a {@code NoClassDefFoundError}.
 * Refers to nothing outside the JDK but {@link OneNetApplication}, which it calls only after the check.
 */
public final class AppLauncher {

    private AppLauncher() {
    }

    public static void main(String[] args) {
        try {
            Class.forName("org.apache.camel.main.Main", false, AppLauncher.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            System.err.println("Cannot start: the app's libraries are missing. camel-onenet.jar needs the lib/ folder"
                    + " that the build writes next to it (target/lib), or run bin/camel-onenet of the distribution.");
            // a compile-time constant: inlined, so StartupFailure (and what it needs) is not loaded here
            System.exit(StartupFailure.STARTUP_ERROR);
        }
        OneNetApplication.main(args);
    }
}
