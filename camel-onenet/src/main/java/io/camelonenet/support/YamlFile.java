package io.camelonenet.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camelonenet.inbound.LogText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a configuration file of the app (the devices file, the points file) as a YAML tree, after checking that it
 * is a file and that the heap can hold it. A problem becomes the caller's exception, made from a message that names
 * the place of a mistake but never quotes the file: a line of it may be a secret.
 */
public final class YamlFile {

    /** Larger files are refused before they are read: 10,000 devices take about 1 MiB. */
    public static final long MAX_BYTES = 16L << 20;
    /**
     * What reading a file costs the heap at its peak, in times its size: a YAML file becomes a tree and then the
     * app's objects (measured for the devices file: about 20 times; twice that leaves the app room).
     */
    public static final int HEAP_PER_FILE_BYTE = 48;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFile() {
    }

    /** The largest file read: {@link #MAX_BYTES}, or less where the heap could not hold it. */
    public static long maxBytes() {
        return Math.min(MAX_BYTES, Runtime.getRuntime().maxMemory() / HEAP_PER_FILE_BYTE);
    }

    /** @param problem makes the caller's exception from what is wrong ("does not exist or is not a file") */
    public static JsonNode read(Path file, Function<String, RuntimeException> problem) {
        try {
            if (!Files.isRegularFile(file)) {
                throw problem.apply("does not exist or is not a file");
            }
            long size = Files.size(file);
            long limit = maxBytes();
            if (size > limit) {
                throw problem.apply("is " + size + " bytes; at most " + limit + " bytes can be read with this heap ("
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB: reading takes about " + HEAP_PER_FILE_BYTE
                        + " times the file's size; -Xmx raises it, up to " + (MAX_BYTES >> 20) + " MiB)");
            }
            return YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // the place only: the parser's message quotes the text around the mistake, a secret among it
            throw problem.apply("is not valid YAML" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw problem.apply("cannot be read: " + LogText.of(e.getMessage()));
        }
    }
}
