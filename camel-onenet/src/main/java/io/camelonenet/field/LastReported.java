package io.camelonenet.field;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.support.PrivateFiles;
import io.camelonenet.support.YamlFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value each point last reported and when: what on-change reporting decides against. It survives a restart in a
 * JSON file ({@code onenet.points.state-file}), written when a report completed (its reading is in the buffer), at
 * most once a second and at stop. A crash between a report and the next write makes a point report its value once
 * more after the restart, never miss a change. Only the points of the points file are kept, so the file's size
 * follows it.
 */
public final class LastReported {

    /** A reported value and its time, epoch milliseconds. */
    public record Value(Object value, long at) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LastReported.class);
    private static final TypeReference<Map<String, Map<String, Value>>> SHAPE = new TypeReference<>() {
    };

    private final Path file;
    private final Map<String, Map<String, Value>> bySource = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private LastReported(Path file) {
        this.file = file;
    }

    /** Kept in memory only (an embedding without a state file). */
    public static LastReported inMemory() {
        return new LastReported(null);
    }

    /** Reads {@code file} if it exists; one that cannot be read is logged and replaced. */
    public static LastReported load(Path file) {
        LastReported last = new LastReported(file);
        if (file != null && Files.isRegularFile(file)) {
            try {
                if (Files.size(file) > YamlFile.maxBytes()) {
                    throw new IOException("it is larger than the points file could make it");
                }
                Map<String, Map<String, Value>> read = JsonMappers.plain().readValue(file.toFile(), SHAPE);
                read.forEach((source, points) -> {
                    Map<String, Value> kept = new ConcurrentHashMap<>();
                    points.forEach((point, value) -> {
                        if (value != null && (value.value() instanceof Number || value.value() instanceof Boolean)) {
                            kept.put(point, value);
                        }
                    });
                    last.bySource.put(source, kept);
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("The last reported values in {} cannot be read ({}): every point reports its next value",
                        file, e.getClass().getSimpleName());
            }
        }
        return last;
    }

    /** A source's last reported values by point, empty if none (one lookup for a whole poll). */
    Map<String, Value> of(String source) {
        return bySource.getOrDefault(source, Map.of());
    }

    /** The values of a reading that reached its route's end, reported at {@code at}. */
    public void commit(String source, Map<String, Object> values, long at) {
        Map<String, Value> points = bySource.computeIfAbsent(source, name -> new ConcurrentHashMap<>());
        values.forEach((point, value) -> points.put(point, new Value(value, at)));
        dirty = true;
    }

    /** Forgets sources and points no longer in the points file. */
    public void retain(Collection<FieldSource> sources) {
        Map<String, FieldSource> byName = new HashMap<>();
        sources.forEach(source -> byName.put(source.name(), source));
        bySource.keySet().removeIf(name -> !byName.containsKey(name));
        bySource.forEach((name, points) -> points.keySet().removeIf(point -> byName.get(name).point(point) == null));
        dirty = true;
    }

    /** Writes the file if anything changed since the last write: to a temporary file, then moved over it. */
    public synchronized void flush() {
        if (!dirty || file == null) {
            return;
        }
        dirty = false;
        Map<String, Map<String, Value>> copy = new LinkedHashMap<>();
        bySource.forEach((source, points) -> copy.put(source, new LinkedHashMap<>(points)));
        try {
            if (file.getParent() != null) {
                PrivateFiles.createDirectories(file.getParent());
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            PrivateFiles.ensureFile(temporary);
            JsonMappers.plain().writeValue(temporary.toFile(), copy);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            dirty = true;
            LOG.warn("The last reported values cannot be written to {}: {}", file, e.getMessage());
        }
    }
}
