package io.camelonenet.fault;

import io.camelonenet.app.BundledRoutes;
import io.camelonenet.docs.DocSection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Shared pieces of the fault tests: identities, the app's environment, edited routes, the emulator's journal. */
final class Faults {

    static final String DEVICE = "fault-device";
    static final String PRODUCT = "fault-product";
    static final String AUTH = "fault-auth";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Faults() {
    }

    static Map<String, String> appEnvironment(Path workDir, int brokerPort, String routesPattern) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        environment.put("ONENET_DEVICE_ID", DEVICE);
        environment.put("ONENET_PRODUCT_ID", PRODUCT);
        environment.put("ONENET_AUTH_INFO", AUTH);
        environment.put("ONENET_RECONNECT_MAX_DELAY", "1000");
        environment.put("ONENET_UPLINK_PERIOD", "1");
        environment.put("ONENET_DOWNLINK_DIR", workDir.resolve("commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", workDir.resolve("dead-letter").toString());
        environment.put("ONENET_BUFFER_DIR", workDir.resolve("buffer").toString());
        environment.put("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", routesPattern);
        return environment;
    }

    /** The bundled legacy routes, edited, in {@code dir}; returns the include pattern. */
    static String routes(Path dir, UnaryOperator<String> edit) throws IOException {
        return BundledRoutes.copy(dir, "legacy", edit);
    }

    /** The uplink timer fires {@code readings} times and stops. */
    static UnaryOperator<String> readings(int readings) {
        return yaml -> yaml.replace("period: \"{{onenet.uplink.period}}\"",
                "period: \"{{onenet.uplink.period}}\"\n        repeatCount: " + readings);
    }

    /** The uplink timer does not fire during the test: only what is buffered flows. */
    static UnaryOperator<String> noReadings() {
        return yaml -> {
            if (!yaml.contains("{{onenet.uplink.period}}\"")) {
                return yaml;
            }
            if (!yaml.contains("\n        delay: 0\n")) {
                throw new IllegalStateException("the uplink route's timer has no 'delay: 0' line to push back");
            }
            return yaml.replace("\n        delay: 0\n", "\n        delay: 3600000\n");
        };
    }

    /** Every {@code seq} value the emulator journaled, in arrival order (duplicates included). */
    static List<Long> journaledSeqs(Path journal) throws IOException {
        List<Long> seqs = new ArrayList<>();
        if (!Files.exists(journal)) {
            return seqs;
        }
        for (String line : Files.readAllLines(journal)) {
            if (line.isBlank()) {
                continue;
            }
            for (JsonNode point : JSON.readTree(line).path("datapoints")) {
                if (point.path("streamId").asText().equals("seq")) {
                    seqs.add(point.path("value").asLong());
                }
            }
        }
        return seqs;
    }

    static String figures(String name, Map<String, Object> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(": ")
                .append(value));
        System.out.println("FIGURES " + name + ": " + text);
        DocSection.replace(DocSection.RELIABILITY, "fault-" + name, "Last run " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores: " + text + ".\n");
        return text.toString();
    }
}
