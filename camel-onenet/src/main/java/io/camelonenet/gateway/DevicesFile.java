package io.camelonenet.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camelonenet.inbound.LogText;
import io.camelonenet.support.SecretFile;
import io.camelonenet.support.YamlFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a gateway's devices file ({@code onenet.devices.file}), a public contract:
 * <pre>
 * devices:
 *   - device-id: "29455901"          # legacy: the client id (current platform: device-name)
 *     product-id: "12555524"
 *     auth-info-env: METER_17_AUTH   # the secret by reference: an environment variable,
 *   - device-id: "29455902"
 *     product-id: "12555524"
 *     auth-info-file: /run/secrets/meter-18   # or a file holding it,
 *   - device-id: "29455903"
 *     product-id: "12555524"
 *     auth-info: plain-value         # or the value itself, with a warning
 * </pre>
 * Every mistake (too large for the heap, not YAML, an unknown key, a missing or duplicate id, no secret or two, an
 * environment variable not set, a secret file missing, empty or of more than one line) is an
 * {@link InvalidDevicesFileException} naming the file and the entry, never quoting the file's text: a line of it may
 * be a secret.
 */
public final class DevicesFile {

    /** Larger files are refused before they are read ({@link YamlFile#MAX_BYTES}). */
    static final long MAX_BYTES = YamlFile.MAX_BYTES;
    static final int HEAP_PER_FILE_BYTE = YamlFile.HEAP_PER_FILE_BYTE;


    private final Names names;
    private final Function<String, String> environment;

    private DevicesFile(Names names, Function<String, String> environment) {
        this.names = names;
        this.environment = environment;
    }

    /** The legacy endpoint's names: {@code device-id}, {@code auth-info}. */
    public static DevicesFile legacy() {
        return new DevicesFile(Names.LEGACY, System::getenv);
    }

    /** The current platform's names: {@code device-name}, {@code device-key}. */
    public static DevicesFile studio() {
        return new DevicesFile(Names.STUDIO, System::getenv);
    }

    /** The same with the environment variables of {@code environment} (tests). */
    DevicesFile withEnvironment(Function<String, String> environment) {
        return new DevicesFile(names, environment);
    }

    public DeviceRegistry read(Path file) {
        JsonNode root = parse(file);
        JsonNode list = root == null ? null : root.get("devices");
        if (list == null || !list.isArray()) {
            throw new InvalidDevicesFileException(file, "has no list 'devices:' at its top");
        }
        Map<String, RegisteredDevice> devices = new LinkedHashMap<>();
        List<String> inline = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            RegisteredDevice device = entry(file, index + 1, list.get(index), inline);
            // legacy: the device id is the client id, unique on the platform; a sub-device is unique in its product
            boolean studio = names == Names.STUDIO;
            String key = studio ? device.productId() + "/" + device.id() : device.id();
            RegisteredDevice earlier = devices.putIfAbsent(key, device);
            if (earlier != null) {
                throw new InvalidDevicesFileException(file, "entry " + (index + 1) + ": " + names.id + " '"
                        + device.id() + "'" + (studio ? " of product " + device.productId() : "") + " is listed twice");
            }
        }
        // one line for all of them: a demo file of 100 devices should not print 100 warnings
        List<String> warnings = inline.isEmpty() ? List.of() : List.of(file + ": " + inline.size() + " of "
                + devices.size() + " entries write " + names.secret + " in the file itself ("
                + String.join(", ", inline.subList(0, Math.min(5, inline.size()))) + (inline.size() > 5 ? ", ..." : "")
                + "); prefer " + names.secret + "-env or " + names.secret + "-file");
        return new DeviceRegistry(devices, warnings);
    }

    private JsonNode parse(Path file) {
        return YamlFile.read(file, problem -> new InvalidDevicesFileException(file, problem));
    }

    /** The largest devices file read: {@link YamlFile#maxBytes()}. */
    static long maxBytes() {
        return YamlFile.maxBytes();
    }

    private RegisteredDevice entry(Path file, int number, JsonNode node, List<String> inline) {
        String where = "entry " + number;
        if (node == null || !node.isObject()) {
            throw new InvalidDevicesFileException(file, where + " is not a map of keys to values");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!names.all.contains(key)) {
                throw new InvalidDevicesFileException(file, where + ": unknown key '" + LogText.of(key, 40) + "' (known: "
                        + String.join(", ", names.all) + ")");
            }
        }
        String id = text(file, where, node, names.id);
        where += " (" + names.id + " " + id + ")";
        String product = text(file, where, node, "product-id");
        List<String> given = names.secrets().stream().filter(node::has).toList();
        if (given.size() != 1) {
            throw new InvalidDevicesFileException(file, where + ": give exactly one of " + names.secret + "-env, "
                    + names.secret + "-file or " + names.secret + (given.isEmpty() ? "" : ", not " + given));
        }
        String key = given.get(0);
        String reference = text(file, where, node, key);
        if (key.endsWith("-env")) {
            String secret = environment.apply(reference);
            if (secret == null || secret.isBlank()) {
                throw new InvalidDevicesFileException(file, where + ": environment variable " + reference
                        + " is not set");
            }
            return new RegisteredDevice(id, product, secret, "environment variable " + reference);
        }
        if (key.endsWith("-file")) {
            return new RegisteredDevice(id, product, secretFile(file, where, Path.of(reference)), "file " + reference);
        }
        inline.add(where);
        return new RegisteredDevice(id, product, reference, file.getFileName() + " itself");
    }

    private static String text(Path file, String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidDevicesFileException(file, where + ": " + key + " is missing or empty");
        }
        String text = value.asText().strip();
        if (!LogText.escape(text).equals(text)) {
            throw new InvalidDevicesFileException(file, where + ": " + key + " holds control or formatting characters");
        }
        return text;
    }

    /** The secret of a secret file: its one line, without the line's end. */
    private String secretFile(Path file, String where, Path secretFile) {
        try {
            return SecretFile.read(secretFile);
        } catch (IllegalArgumentException e) {
            throw new InvalidDevicesFileException(file, where + ": " + names.secret + "-file " + secretFile + " "
                    + e.getMessage());
        }
    }

    /** The keys of one platform's entries. */
    private record Names(String id, String secret, List<String> all) {

        static final Names LEGACY = of("device-id", "auth-info");
        static final Names STUDIO = of("device-name", "device-key");

        static Names of(String id, String secret) {
            return new Names(id, secret, List.of(id, "product-id", secret + "-env", secret + "-file", secret));
        }

        List<String> secrets() {
            return List.of(secret, secret + "-env", secret + "-file");
        }
    }
}
