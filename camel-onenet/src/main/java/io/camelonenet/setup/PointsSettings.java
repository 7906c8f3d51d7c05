package io.camelonenet.setup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of field devices read by a points file. Without {@code onenet.points.file} the bundled routes read the
 * simulator, exactly as before.
 *
 * @param file      the points file, or {@code null}
 * @param stateFile where the last reported values are kept across restarts
 */
public record PointsSettings(Path file, Path stateFile) {

    public static final String FILE = "onenet.points.file";
    public static final String STATE_FILE = "onenet.points.state-file";

    public static PointsSettings read(Function<String, Optional<String>> lookup) {
        SettingsReader config = new SettingsReader(lookup);
        String file = config.text(FILE, "");
        String state = config.text(STATE_FILE, SettingDefaults.POINTS_STATE_FILE);
        return new PointsSettings(file.isBlank() ? null : Path.of(file.strip()), Path.of(state.strip()));
    }

    public boolean enabled() {
        return file != null;
    }
}
