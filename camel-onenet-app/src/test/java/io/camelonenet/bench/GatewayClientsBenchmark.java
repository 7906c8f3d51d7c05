package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the gateway's MQTT client by measurement: for each candidate, a fresh JVM ({@link ClientFleet}) opens
 * {@code bench.fleet.sizes} connections to Debian's mosquitto, one QoS 1 publish on each, and reports its threads,
 * heap after a full collection and resident memory. Rewrites the gateway-clients section of docs/performance.md.
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.GatewayClientsBenchmark</pre>
 */
public final class GatewayClientsBenchmark {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> CLIENTS = List.of("paho", "paho-shared", "hivemq");

    private GatewayClientsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = java.util.Arrays.stream(System.getProperty("bench.fleet.sizes", "100,1000,2000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path work = Files.createTempDirectory("onenet-fleet-");
        Mosquitto mosquitto = Mosquitto.start(work, "max_connections -1");
        int port = mosquitto.port();
        try {
            List<String[]> rows = new ArrayList<>();
            for (int size : sizes) {
                for (String client : CLIENTS) {
                    String[] row = fleet(client, size, "tcp://127.0.0.1:" + port, work);
                    System.out.println(String.join(" ", row));
                    rows.add(row);
                }
            }
            DocSection.replace(DocSection.PERFORMANCE, "gateway-clients", report(rows));
        } finally {
            mosquitto.close();
        }
    }

    private static String[] fleet(String client, int size, String url, Path work) throws Exception {
        Path log = work.resolve(client + "-" + size + ".log");
        Process process = new ProcessBuilder(JAVA, "-Xmx2g", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                ClientFleet.class.getName(), client, String.valueOf(size), url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(client + " x " + size + " failed: " + Files.readString(log));
        }
        String last = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(client + " "))
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no result in " + log));
        return last.split(" ");
    }

    private static String report(List<String[]> rows) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append("Measured ").append(java.time.LocalDate.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores against Debian's mosquitto ")
                .append(Mosquitto.version()).append(", each fleet in a fresh JVM (-Xmx2g -Xss512k):\n\n")
                .append("| client | connections | connect all (ms) | one QoS 1 publish each (ms) | threads | heap after GC (MiB) "
                        + "| resident (MiB) | resident per added connection (KiB) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String[] row : rows) {
            long rss = Long.parseLong(row[6]);
            // against the same client's smallest fleet: what each further connection costs, the JVM's base left out
            String[] smallest = rows.stream().filter(r -> r[0].equals(row[0])).findFirst().orElseThrow();
            int added = Integer.parseInt(row[1]) - Integer.parseInt(smallest[1]);
            String perConnection = added == 0 ? "" : String.format(Locale.ROOT, "%.0f",
                    (rss - Long.parseLong(smallest[6])) / 1024.0 / added);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.1f | %s |%n", name(row[0]),
                    row[1], row[2], row[3], row[4], Long.parseLong(row[5]) / 1048576.0, rss / 1048576.0,
                    perConnection));
        }
        return table.toString();
    }

    private static String name(String client) {
        return switch (client) {
            case "paho" -> "Paho 1.2.5 MqttAsyncClient";
            case "paho-shared" -> "Paho 1.2.5, one shared executor";
            default -> "HiveMQ MQTT client 1.3.10";
        };
    }
}
