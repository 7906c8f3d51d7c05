package io.camelonenet.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** What {@code --help} and {@code --version} print: texts built with the app, read from its jar. */
final class CommandLine {

    static final String USAGE = "Usage: java -jar camel-onenet.jar [emulator | --help | --version]";

    private CommandLine() {
    }

    /** The commands and every configuration key with its default (docs/configuration.md has the details). */
    static String help() {
        return USAGE + "\n\n" + resource("help.txt");
    }

    /** The app's version and those of what it runs on. */
    static String version() {
        Properties versions = new Properties();
        try (InputStream in = CommandLine.class.getResourceAsStream("version.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "camel-onenet " + versions.getProperty("version") + "\n"
                + "Apache Camel " + versions.getProperty("camel") + " (running " + runningCamel() + ")\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n";
    }

    /** Camel's version on the class path, which an older or newer Camel in lib/ would change. */
    private static String runningCamel() {
        String version = org.apache.camel.CamelContext.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    private static String resource(String name) {
        try (InputStream in = CommandLine.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
