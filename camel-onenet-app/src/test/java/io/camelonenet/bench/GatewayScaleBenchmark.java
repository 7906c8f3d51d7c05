package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;
import io.camelonenet.emulator.FreePort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app as a gateway of {@code bench.gateway.devices} (10,000) devices against Debian's mosquitto, beside a
 * raw HiveMQ-client fleet of as many connections in the same run: how long until every device is online, the
 * readings per second delivered against those asked for, and the threads and resident memory of each. Rewrites the
 * gateway-scale section of docs/performance.md.
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.GatewayScaleBenchmark</pre>
 */
public final class GatewayScaleBenchmark {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = Path.of("target", "camel-onenet.jar");
    /** Both processes' JVM options: -Dbench.gateway.jvm="..." to try others. */
    private static final List<String> JVM = List.of(System.getProperty("bench.gateway.jvm", "-Xmx2g -Xss512k")
            .trim().split("\\s+"));
    private static final int CONNECT_RATE = 1000;
    private static final long PERIOD_MILLIS = 10_000;
    private static final int MEASURED_SECONDS = 60;
    private static final String SYNC = System.getProperty("bench.gateway.sync", "full");

    private GatewayScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("bench.gateway.devices", 10_000);
        Path work = Files.createTempDirectory("onenet-gateway-bench-");
        Mosquitto mosquitto = Mosquitto.start(work, "max_connections -1");
        int port = mosquitto.port();
        try {
            String url = "tcp://127.0.0.1:" + port;
            String[] raw = rawFleet(devices, url, work);
            Result app = gateway(devices, url, work);
            DocSection.replace(DocSection.PERFORMANCE, "gateway-scale", report(devices, raw, app));
        } finally {
            mosquitto.close();
        }
    }

    private static String[] rawFleet(int devices, String url, Path work) throws Exception {
        Path log = work.resolve("raw-fleet.log");
        Process process = new ProcessBuilder(command(JVM, "-cp", System.getProperty("java.class.path"),
                ClientFleet.class.getName(), "hivemq", String.valueOf(devices), url,
                String.valueOf(devices * 1000 / PERIOD_MILLIS), String.valueOf(PERIOD_MILLIS / 1000 + MEASURED_SECONDS)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the raw fleet failed: " + Files.readString(log));
        }
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("hivemq ")).reduce((a, b) -> b)
                .orElseThrow();
        System.out.println("raw " + line);
        return line.split(" ");
    }

    /**
     * {@code rss} after the full collection that {@code heapAfterGc} takes (the raw fleet's is read after its own),
     * {@code rssBeforeGc} before it.
     */
    record Result(double secondsToOnline, double readingsPerSecond, double askedPerSecond, int threads, long rss,
                  long rssBeforeGc, long heapAfterGc) {
    }

    /** The heap in use after a full collection, by jcmd: what the app keeps for its devices, garbage left out. */
    private static long heapAfterGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static Result gateway(int devices, String url, Path work) throws Exception {
        Path file = work.resolve("devices.yaml");
        StringBuilder yaml = new StringBuilder("devices:\n");
        for (int i = 1; i <= devices; i++) {
            yaml.append("  - device-id: \"").append(40_000_000 + i).append("\"\n    product-id: \"20001\"\n")
                    .append("    auth-info: \"bench-").append(i).append("\"\n");
        }
        Files.writeString(file, yaml);
        int management = FreePort.onLoopback();
        ProcessBuilder builder = new ProcessBuilder(command(JVM,
                "-Dcamel.management.port=" + management, "-jar", JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile())
                .directory(work.toFile());
        builder.environment().put("ONENET_DEVICES_FILE", file.toString());
        builder.environment().put("ONENET_BROKER_URL", url);
        builder.environment().put("ONENET_EMULATOR_ENABLED", "false");
        builder.environment().put("ONENET_CONNECT_RATE", String.valueOf(CONNECT_RATE));
        builder.environment().put("ONENET_UPLINK_PERIOD", String.valueOf(PERIOD_MILLIS));
        builder.environment().put("ONENET_BUFFER_SYNC", SYNC);
        long start = System.nanoTime();
        Process app = builder.start();
        try {
            String metrics = "http://127.0.0.1:" + management + "/observe/metrics";
            HttpClient http = HttpClient.newHttpClient();
            double online = 0;
            while (online < devices) {
                TimeUnit.MILLISECONDS.sleep(500);
                if (!app.isAlive() || System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("the gateway did not bring every device online; see "
                            + work.resolve("gateway.log"));
                }
                online = sum(scrape(http, metrics), "onenet_gateway_devices_online");
            }
            double secondsToOnline = (System.nanoTime() - start) / 1e9;
            System.out.printf("gateway: %d devices online after %.1f s%n", devices, secondsToOnline);
            // one period to settle, then count what the platform acknowledged
            TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            double before = sum(scrape(http, metrics), "onenet_readings_published_total");
            long measuredFrom = System.nanoTime();
            TimeUnit.SECONDS.sleep(MEASURED_SECONDS);
            double after = sum(scrape(http, metrics), "onenet_readings_published_total");
            double rate = (after - before) / ((System.nanoTime() - measuredFrom) / 1e9);
            String status = Files.readString(Path.of("/proc", String.valueOf(app.pid()), "status"));
            // resident memory on both sides of a full collection, as the raw fleet's
            long rssBeforeGc = ProcStatus.field(status, "VmRSS") * 1024;
            long heapAfterGc = heapAfterGc(app.pid());
            long rss = ProcStatus.settledRss(app.pid());
            return new Result(secondsToOnline, rate, devices * 1000.0 / PERIOD_MILLIS,
                    (int) ProcStatus.field(status, "Threads"), rss, rssBeforeGc, heapAfterGc);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A scrape of the app's metrics; empty while it does not serve yet. */
    static String scrape(HttpClient http, String url) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (java.io.IOException notYetServing) {
            return "";
        }
    }

    /** The sum of every series of a metric in Prometheus' text format. */
    static double sum(String text, String metric) {
        Matcher lines = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (lines.find()) {
            sum += Double.parseDouble(lines.group(2));
        }
        return sum;
    }

    /** java, the JVM options, then {@code rest}. */
    private static List<String> command(List<String> jvm, String... rest) {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA));
        command.addAll(jvm);
        command.addAll(List.of(rest));
        return command;
    }

    private static String report(int devices, String[] raw, Result app) {
        return String.format(Locale.ROOT, """
                Measured %s on %d cores against Debian's mosquitto %s; both processes with %s. The \
                gateway logs in at onenet.connect.rate=%d and reads every device each %d s (%.0f readings a second \
                asked), buffer on disk with onenet.buffer.sync=%s; readings acknowledged counted over %d s. Resident memory \
                after a full collection is read once it has stopped falling (G1 gives the freed heap back on a thread \
                of its own).

                | %d connections | all online (s) | readings/s acknowledged (asked) | threads | heap after GC (MiB) | resident after a full GC (MiB) | resident before it (MiB) |
                |---|---:|---:|---:|---:|---:|---:|
                | raw HiveMQ client fleet (`ClientFleet`: connect, one publish each, then as many a second for %d s) | %.1f | %.0f | %s | %.0f | %.0f | %.0f |
                | the app as a gateway (`java -jar target/camel-onenet.jar`) | %.1f | %.0f (%.0f) | %d | %.0f | %.0f | %.0f |
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                Mosquitto.version(), String.join(" ", JVM), CONNECT_RATE, PERIOD_MILLIS / 1000, app.askedPerSecond(),
                SYNC, MEASURED_SECONDS, devices, PERIOD_MILLIS / 1000 + MEASURED_SECONDS, Long.parseLong(raw[2]) / 1000.0,
                Double.parseDouble(raw[8]), raw[4], Long.parseLong(raw[5]) / 1048576.0,
                Long.parseLong(raw[6]) / 1048576.0, Long.parseLong(raw[7]) / 1048576.0, app.secondsToOnline(),
                app.readingsPerSecond(), app.askedPerSecond(), app.threads(), app.heapAfterGc() / 1048576.0,
                app.rss() / 1048576.0, app.rssBeforeGc() / 1048576.0);
    }
}
