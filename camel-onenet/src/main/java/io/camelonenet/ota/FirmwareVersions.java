package io.camelonenet.ota;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camelonenet.datapoint.JsonMappers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firmware version each device runs, kept across restarts in {@code versions.json} of the OTA directory: a
 * device not named there runs the configured version ({@code onenet.ota.version}); an upgrade records its target.
 */
public final class FirmwareVersions {

    private final Path file;
    private final String initial;
    private final Map<String, String> versions = new TreeMap<>();

    public FirmwareVersions(Path directory, String initial) throws IOException {
        this.file = directory.resolve("versions.json");
        this.initial = initial;
        if (Files.exists(file)) {
            try {
                versions.putAll(JsonMappers.plain().readValue(file.toFile(), new TypeReference<Map<String, String>>() {
                }));
            } catch (IOException e) {
                throw new IOException(file + " is not a JSON object of device to version: " + e.getMessage(), e);
            }
        }
    }

    public synchronized String of(String device) {
        return versions.getOrDefault(device, initial);
    }

    /** The device runs {@code version} from now on: written before the platform is told. */
    public synchronized void upgraded(String device, String version) throws IOException {
        versions.put(device, version);
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        JsonMappers.plain().writeValue(written.toFile(), versions);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
