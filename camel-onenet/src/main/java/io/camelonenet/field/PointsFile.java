package io.camelonenet.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.inbound.LogText;
import io.camelonenet.studio.ThingIdentifiers;
import io.camelonenet.support.SecretFile;
import io.camelonenet.support.YamlFile;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a points file ({@code onenet.points.file}), a public contract (docs/field-devices.md):
 * <pre>
 * sources:
 *   - name: boiler-room
 *     modbus-tcp: 192.168.1.20:502     # or modbus-rtu: /dev/ttyUSB0, or opc-ua: opc.tcp://host:4840/path
 *     unit-id: 1
 *     poll: 1000
 *     timeout: 1000
 *     device: "29455901"              # or product-id and device-name; omitted: the app's own device
 *     points:
 *       - name: temperature
 *         register: holding 0
 *         type: int16
 *         scale: 0.1
 * </pre>
 * Every mistake (not YAML, an unknown key, a duplicate source or point name, an address out of range, a type that
 * needs more registers than the table has, a value out of its range) is an {@link InvalidPointsFileException} naming
 * the file and the entry. Whether a source's device is configured is the app's check ({@code PointsWiring}): it
 * knows the mode.
 */
public final class PointsFile {

    private static final List<String> SOURCE_KEYS = List.of("name", "modbus-tcp", "modbus-rtu", "opc-ua", "unit-id",
            "poll", "timeout", "device", "product-id", "device-name", "points", "baud-rate", "data-bits", "parity",
            "stop-bits", "security-policy", "username", "password-env", "password-file");
    private static final List<String> POINT_KEYS = List.of("name", "register", "node", "type", "word-order", "scale",
            "offset", "report", "deadband", "heartbeat", "writable");
    private static final List<String> PROTOCOLS = List.of("modbus-tcp", "modbus-rtu", "opc-ua");
    private static final List<String> SECURITY_POLICIES = List.of("None", "Basic256Sha256", "Aes128_Sha256_RsaOaep",
            "Aes256_Sha256_RsaPss");

    private final Function<String, String> environment;

    public PointsFile() {
        this(System::getenv);
    }

    /** With the environment variables of {@code environment} (tests). */
    PointsFile(Function<String, String> environment) {
        this.environment = environment;
    }

    public List<FieldSource> read(Path file) {
        JsonNode root = YamlFile.read(file, problem -> new InvalidPointsFileException(file, problem));
        Entry top = new Entry(file, "", root);
        top.onlyKeys(List.of("sources"));
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            throw new InvalidPointsFileException(file, "has no list 'sources:' at its top");
        }
        List<FieldSource> sources = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int index = 0; index < list.size(); index++) {
            FieldSource source = source(new Entry(file, "source " + (index + 1), list.get(index)));
            if (!names.add(source.name())) {
                throw new InvalidPointsFileException(file, "source " + (index + 1) + ": name '" + source.name()
                        + "' is used twice");
            }
            sources.add(source);
        }
        return List.copyOf(sources);
    }

    private FieldSource source(Entry entry) {
        String name = entry.name("name");
        entry = entry.named("source '" + name + "'");
        entry.onlyKeys(SOURCE_KEYS);
        List<String> protocols = PROTOCOLS.stream().filter(entry.node::has).toList();
        if (protocols.size() != 1) {
            throw entry.problem("give exactly one of modbus-tcp, modbus-rtu or opc-ua"
                    + (protocols.isEmpty() ? "" : ", not " + protocols));
        }
        FieldLink link = switch (protocols.get(0)) {
            case "modbus-tcp" -> modbusTcp(entry);
            case "modbus-rtu" -> modbusRtu(entry);
            default -> opcUa(entry);
        };
        boolean modbus = !(link instanceof FieldLink.OpcUa);
        if (!modbus && entry.node.has("unit-id")) {
            throw entry.problem("unit-id is for Modbus sources");
        }
        int unitId = (int) entry.integer("unit-id", FieldSource.DEFAULT_UNIT_ID, 0, 255);
        long poll = entry.integer("poll", FieldSource.DEFAULT_POLL, 10, 86_400_000);
        long timeout = entry.integer("timeout", FieldSource.DEFAULT_TIMEOUT, 10, 600_000);
        SourceDevice device = device(entry);
        JsonNode list = entry.node.get("points");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw entry.problem("has no list 'points:'");
        }
        List<FieldPoint> points = new ArrayList<>(list.size());
        Set<String> pointNames = new HashSet<>();
        for (int index = 0; index < list.size(); index++) {
            FieldPoint point = point(entry.child("point " + (index + 1), list.get(index)), modbus);
            if (!pointNames.add(point.name())) {
                throw entry.problem("point name '" + point.name() + "' is used twice");
            }
            points.add(point);
        }
        return new FieldSource(name, link, unitId, poll, timeout, device, List.copyOf(points));
    }

    private static FieldLink modbusTcp(Entry entry) {
        String address = entry.text("modbus-tcp", null);
        URI parsed;
        try {
            parsed = URI.create("modbus://" + address);
        } catch (IllegalArgumentException e) {
            throw entry.problem("modbus-tcp '" + LogText.of(address, 80) + "' is not host:port");
        }
        if (parsed.getHost() == null || parsed.getPath() != null && !parsed.getPath().isEmpty()
                || parsed.getUserInfo() != null || parsed.getQuery() != null) {
            throw entry.problem("modbus-tcp '" + LogText.of(address, 80) + "' is not host:port");
        }
        entry.noKeys("baud-rate", "data-bits", "parity", "stop-bits", "security-policy", "username", "password-env",
                "password-file");
        return new FieldLink.ModbusTcp(parsed.getHost(), parsed.getPort() < 0 ? 502 : parsed.getPort());
    }

    private static FieldLink modbusRtu(Entry entry) {
        String port = entry.text("modbus-rtu", null);
        int baud = (int) entry.integer("baud-rate", 9600, 300, 4_000_000);
        int dataBits = (int) entry.integer("data-bits", 8, 5, 8);
        String parity = entry.text("parity", "none").toLowerCase(Locale.ROOT);
        if (!List.of("none", "even", "odd").contains(parity)) {
            throw entry.problem("parity must be none, even or odd");
        }
        int stopBits = (int) entry.integer("stop-bits", 1, 1, 2);
        entry.noKeys("security-policy", "username", "password-env", "password-file");
        return new FieldLink.ModbusRtu(port, baud, dataBits, parity, stopBits);
    }

    private FieldLink opcUa(Entry entry) {
        String endpoint = entry.text("opc-ua", null);
        if (!endpoint.startsWith("opc.tcp://")) {
            throw entry.problem("opc-ua must be an endpoint URL opc.tcp://host:port/path");
        }
        String policy = entry.text("security-policy", "None");
        if (!SECURITY_POLICIES.contains(policy)) {
            throw entry.problem("security-policy must be one of " + SECURITY_POLICIES);
        }
        entry.noKeys("baud-rate", "data-bits", "parity", "stop-bits");
        String username = entry.node.has("username") ? entry.text("username", null) : null;
        FieldLink.Secret password = null;
        if (entry.node.has("password-env") && entry.node.has("password-file")) {
            throw entry.problem("give one of password-env or password-file, not both");
        } else if (entry.node.has("password-env")) {
            String variable = entry.text("password-env", null);
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw entry.problem("environment variable " + variable + " is not set");
            }
            password = new FieldLink.Secret(value, "environment variable " + variable);
        } else if (entry.node.has("password-file")) {
            Path secretFile = Path.of(entry.text("password-file", null));
            try {
                password = new FieldLink.Secret(SecretFile.read(secretFile), "file " + secretFile);
            } catch (IllegalArgumentException e) {
                throw entry.problem("password-file " + secretFile + " " + e.getMessage());
            }
        }
        if ((username == null) != (password == null)) {
            throw entry.problem("give username and a password (password-env or password-file) together");
        }
        return new FieldLink.OpcUa(endpoint, policy, username, password);
    }

    private static SourceDevice device(Entry entry) {
        boolean legacy = entry.node.has("device");
        boolean sub = entry.node.has("product-id") || entry.node.has("device-name");
        if (legacy && sub) {
            throw entry.problem("give device (a legacy device) or product-id and device-name (a sub-device), not both");
        }
        if (legacy) {
            return new SourceDevice(entry.text("device", null), null, null);
        }
        if (sub) {
            return new SourceDevice(null, entry.text("product-id", null), entry.text("device-name", null));
        }
        return SourceDevice.OWN;
    }

    private static FieldPoint point(Entry entry, boolean modbus) {
        String name = entry.name("name");
        entry = entry.named("point '" + name + "'");
        entry.onlyKeys(POINT_KEYS);
        RegisterTable table = null;
        int address = 0;
        String node = null;
        PointType type;
        if (modbus) {
            if (entry.node.has("node")) {
                throw entry.problem("node is for OPC UA sources; a Modbus point has a register");
            }
            String[] register = entry.text("register", null).split("\\s+");
            table = register.length == 2 ? RegisterTable.parse(register[0]) : null;
            if (table == null) {
                throw entry.problem("register must be 'holding', 'input', 'coil' or 'discrete' and an address, as in"
                        + " 'holding 0'");
            }
            try {
                address = Integer.parseInt(register[1]);
            } catch (NumberFormatException e) {
                address = -1;
            }
            if (address < 0 || address > RegisterTable.MAX_ADDRESS) {
                throw entry.problem("register address '" + LogText.of(register[1], 20) + "' is out of range (0 to "
                        + RegisterTable.MAX_ADDRESS + ")");
            }
            type = type(entry, table.bits() ? PointType.BOOL : PointType.UINT16);
            if (table.bits() && type != PointType.BOOL) {
                throw entry.problem("a " + table.key() + " holds one bit: its type is bool");
            }
            if (address + type.registers() - 1 > RegisterTable.MAX_ADDRESS) {
                throw entry.problem(type.key() + " takes " + type.registers() + " registers from " + address
                        + ", beyond the last, " + RegisterTable.MAX_ADDRESS);
            }
        } else {
            if (entry.node.has("register") || entry.node.has("type") || entry.node.has("word-order")) {
                throw entry.problem("an OPC UA point has a node; its type comes from the node (register, type and"
                        + " word-order are for Modbus)");
            }
            node = entry.text("node", null);
            type = null;
        }
        WordOrder order = WordOrder.valueOf(entry.choice("word-order", "big", List.of("big", "little"))
                .toUpperCase(Locale.ROOT));
        double scale = entry.decimal("scale", 1);
        double offset = entry.decimal("offset", 0);
        if (scale == 0) {
            throw entry.problem("scale 0 would report every value as the offset");
        }
        ReportMode report = entry.choice("report", "on-change", List.of("on-change", "always")).equals("always")
                ? ReportMode.ALWAYS : ReportMode.ON_CHANGE;
        double deadband = entry.decimal("deadband", 0);
        if (deadband < 0) {
            throw entry.problem("deadband must not be negative");
        }
        long heartbeat = entry.integer("heartbeat", FieldPoint.DEFAULT_HEARTBEAT, 0, 86_400_000L * 366);
        boolean writable = entry.bool("writable", false);
        if (writable && table != null && !table.writable()) {
            throw entry.problem("a " + table.key() + " cannot be written (only holding registers and coils)");
        }
        return new FieldPoint(name, table, address, node, type, order, scale, offset, report, deadband, heartbeat,
                writable);
    }

    private static PointType type(Entry entry, PointType otherwise) {
        String text = entry.choice("type", otherwise.key(), List.of("bool", "int16", "uint16", "int32", "uint32",
                "float32", "float64"));
        return PointType.parse(text);
    }

    /** One map of the file and where it is, for messages that name the place and never quote a value. */
    private record Entry(Path file, String where, JsonNode node) {

        Entry {
            if (node == null || !node.isObject()) {
                throw new InvalidPointsFileException(file, (where.isEmpty() ? "" : where + " ")
                        + "is not a map of keys to values");
            }
        }

        Entry named(String name) {
            return new Entry(file, where + " (" + name + ")", node);
        }

        Entry child(String name, JsonNode child) {
            return new Entry(file, where + ", " + name, child);
        }

        InvalidPointsFileException problem(String problem) {
            return new InvalidPointsFileException(file, (where.isEmpty() ? "" : where + ": ") + problem);
        }

        void onlyKeys(List<String> known) {
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!known.contains(key)) {
                    throw problem("unknown key '" + LogText.of(key, 40) + "' (known: " + String.join(", ", known)
                            + ")");
                }
            }
        }

        void noKeys(String... keys) {
            for (String key : keys) {
                if (node.has(key)) {
                    throw problem(key + " does not apply to this source's protocol");
                }
            }
        }

        String text(String key, String otherwise) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (otherwise != null) {
                    return otherwise;
                }
                throw problem(key + " is missing");
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw problem(key + " is empty or not a single value");
            }
            String text = value.asText().strip();
            if (!LogText.escape(text).equals(text)) {
                throw problem(key + " holds control or formatting characters");
            }
            return text;
        }

        String name(String key) {
            String name = text(key, null);
            if (!ThingIdentifiers.valid(name)) {
                throw problem(key + " '" + LogText.of(name, ThingIdentifiers.MAX_LENGTH) + "' must be "
                        + ThingIdentifiers.RULE);
            }
            return name;
        }

        String choice(String key, String otherwise, List<String> allowed) {
            String text = text(key, otherwise);
            if (!allowed.contains(text)) {
                throw problem(key + " must be one of " + String.join(", ", allowed) + ", not '" + LogText.of(text, 40)
                        + "'");
            }
            return text;
        }

        long integer(String key, long otherwise, long min, long max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return otherwise;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw problem(key + " must be a whole number from " + min + " to " + max);
            }
            long number = value.asLong();
            if (number < min || number > max) {
                throw problem(key + " must be a whole number from " + min + " to " + max + ", not " + number);
            }
            return number;
        }

        double decimal(String key, double otherwise) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return otherwise;
            }
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw problem(key + " must be a number");
            }
            return value.asDouble();
        }

        boolean bool(String key, boolean otherwise) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return otherwise;
            }
            if (!value.isBoolean()) {
                throw problem(key + " must be true or false");
            }
            return value.asBoolean();
        }
    }
}
