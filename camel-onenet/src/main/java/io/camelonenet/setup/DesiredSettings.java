package io.camelonenet.setup;

import io.camelonenet.studio.ThingIdentifiers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key of desired values (a thing-model device, docs/current-platform.md): the properties whose desired values the
 * device fetches after every login. Unset: the writable points of the points file, if there is one.
 *
 * @param properties the identifiers named by {@code onenet.desired.properties}, or none
 */
public record DesiredSettings(List<String> properties) {

    public static final String PROPERTIES = "onenet.desired.properties";

    public static DesiredSettings read(Function<String, Optional<String>> lookup) {
        String text = new SettingsReader(lookup).text(PROPERTIES, "");
        List<String> properties = Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .toList();
        for (String name : properties) {
            if (!ThingIdentifiers.valid(name)) {
                throw new ConfigurationException(PROPERTIES, "names '" + io.camelonenet.inbound.LogText.of(name, 60)
                        + "', which is no property identifier (" + ThingIdentifiers.RULE + ")");
            }
        }
        return new DesiredSettings(properties.stream().distinct().toList());
    }
}
