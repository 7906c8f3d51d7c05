package io.camelonenet.setup;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The key of desired values (a thing-model device, docs/current-platform.md): the properties whose desired values the
 * device fetches after every login. Unset: the writable points of the points file, if there is one.
 *
 * @param properties the identifiers named by {@code onenet.desired.properties}, or none
 */
public record DesiredSettings(List<String> properties) {

    public static final String PROPERTIES = "onenet.desired.properties";
    /** As the points file names its points: what a thing-model identifier may be. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    public static DesiredSettings read(Function<String, Optional<String>> lookup) {
        String text = new SettingsReader(lookup).text(PROPERTIES, "");
        List<String> properties = Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .toList();
        for (String name : properties) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new ConfigurationException(PROPERTIES, "names '" + io.camelonenet.inbound.LogText.of(name, 60)
                        + "', which is no property identifier (1 to 64 letters, digits, _ or -)");
            }
        }
        return new DesiredSettings(properties.stream().distinct().toList());
    }
}
