package io.camelonenet.app;

import io.camelonenet.setup.ClusterSettings;
import io.camelonenet.setup.DesiredSettings;
import io.camelonenet.setup.OtaSettings;
import io.camelonenet.setup.GatewaySettings;
import io.camelonenet.setup.PointsSettings;
import io.camelonenet.setup.OneNetSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** --help, --version and the configuration table tell the same keys, and every key the app reads is in them. */
class HelpTextTest {

    private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `((?:onenet|camel)\\.[^`]+)`");

    @Test
    void should_list_every_key_of_the_configuration_table_and_every_key_the_app_reads() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher rows = TABLE_KEY.matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        Set<String> read = Stream.of(OneNetSettings.class, GatewaySettings.class, ClusterSettings.class, PointsSettings.class,
                        DesiredSettings.class, OtaSettings.class)
                .flatMap(settings -> Arrays.stream(settings.getFields()))
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(HelpTextTest::value)
                .filter(key -> key.startsWith("onenet."))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("keys of docs/configuration.md").containsAll(read)
                .contains("onenet.log.level", "camel.main.routes-include-pattern");
        String help = CommandLine.help();
        assertThat(documented).allSatisfy(key -> assertThat(help).contains("  " + key));
        assertThat(help).startsWith(CommandLine.USAGE).contains("--version", "emulator");
    }

    @Test
    void should_print_the_versions() {
        assertThat(CommandLine.version()).startsWith("camel-onenet 0.")
                .contains("Apache Camel 4.").contains("Java " + System.getProperty("java.version"));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
