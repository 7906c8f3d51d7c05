package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;
import io.camelonenet.emulator.FreePort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Neuron's published test size on this machine: {@code bench.field.devices} (500) Modbus TCP devices of 30 points
 * each, read every second by the packaged app through a points file, the devices served by a j2mod slave in a process
 * of their own ({@link ModbusFieldFleet}) and the readings sent to Debian's mosquitto. Reports the polls on time, the
 * reads per second, the app's CPU and resident memory; then the app at saturation (every source polled every 10 ms)
 * beside a raw loop of j2mod's master reading the same devices with as many threads ({@link RawModbusLoop}) in the
 * same run. Rewrites the field-points section of docs/performance.md.
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.FieldPointsBenchmark</pre>
 */
public final class FieldPointsBenchmark {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = Path.of("target", "camel-onenet.jar");
    private static final int POINTS = 30;
    /** The app's pool of poll threads (FieldSources.MAX_THREADS): the raw loop reads with as many. */
    private static final int THREADS = 32;
    private static final int NOMINAL_SECONDS = 60;
    private static final int SATURATION_SECONDS = 20;
    private static final long TICKS_PER_SECOND = 100;

    private FieldPointsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("bench.field.devices", 500);
        Path work = Files.createTempDirectory("onenet-field-bench-");
        Mosquitto mosquitto = Mosquitto.start(work);
        int brokerPort = mosquitto.port();
        Process fleet = new ProcessBuilder(JAVA, "-Xmx1g", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                ModbusFieldFleet.class.getName(), String.valueOf(devices), String.valueOf(POINTS))
                .redirectErrorStream(true).start();
        try {
            int fieldPort = fieldPort(fleet);
            String broker = "tcp://127.0.0.1:" + brokerPort;
            Run nominal = app(work, broker, fieldPort, devices, 1000, NOMINAL_SECONDS);
            // at saturation the devices hold still: the raw loop only reads, and the app's reporting (the nominal
            // row) should not stand in for its reading
            control(fleet, "hold");
            String[] raw = rawLoop(fieldPort, devices, work);
            Run saturated = app(work, broker, fieldPort, devices, 10, SATURATION_SECONDS);
            DocSection.replace(DocSection.PERFORMANCE, "field-points", report(devices, raw, nominal, saturated));
        } finally {
            fleet.destroy();
            fleet.waitFor(10, TimeUnit.SECONDS);
            mosquitto.close();
        }
    }

    private static void control(Process fleet, String command) throws Exception {
        fleet.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        fleet.getOutputStream().flush();
    }

    private static int fieldPort(Process fleet) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(fleet.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("port ")) {
                // the rest of its output is not read: let it drain so the fleet never blocks on a full pipe
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "fleet-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5).strip());
            }
        }
        throw new IllegalStateException("the field fleet did not start");
    }

    private static String[] rawLoop(int port, int devices, Path work) throws Exception {
        Path log = work.resolve("raw-loop.log");
        Process process = new ProcessBuilder(JAVA, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                RawModbusLoop.class.getName(), String.valueOf(port), String.valueOf(devices), String.valueOf(POINTS),
                String.valueOf(THREADS), String.valueOf(SATURATION_SECONDS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the raw loop failed: " + Files.readString(log));
        }
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("raw ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the raw loop printed no result: " + log));
        System.out.println(line);
        return line.split(" ");
    }

    record Run(long poll, double readsPerSecond, double onTime, double reportedPerSecond, double cpuShare,
               long rss, long threads) {
    }

    private static Run app(Path work, String broker, int fieldPort, int devices, long poll, int seconds)
            throws Exception {
        Path run = Files.createDirectories(work.resolve("app-" + poll));
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (int device = 0; device < devices; device++) {
            yaml.append("  - name: device-").append(device).append("\n    modbus-tcp: \"127.0.0.1:").append(fieldPort)
                    .append("\"\n    poll: ").append(poll).append("\n    points:\n");
            for (int point = 0; point < POINTS; point++) {
                yaml.append("      - {name: d").append(device).append("p").append(point).append(", register: holding ")
                        .append(device * POINTS + point).append(", type: int16, scale: 0.1}\n");
            }
        }
        Path points = Files.writeString(run.resolve("points.yaml"), yaml);
        int management = FreePort.onLoopback();
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-Xmx1g"));
        // -Dbench.app.options: JVM options of the app's runs, a profiler's for instance
        String options = System.getProperty("bench.app.options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-Dcamel.management.port=" + management, "-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolve("app.log").toFile()).directory(run.toFile());
        builder.environment().put("ONENET_POINTS_FILE", points.toString());
        builder.environment().put("ONENET_BROKER_URL", broker);
        builder.environment().put("ONENET_EMULATOR_ENABLED", "false");
        Process app = builder.start();
        try {
            String metrics = "http://127.0.0.1:" + management + "/observe/metrics";
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            // every source read at least twice: connected, first values reported
            while (GatewayScaleBenchmark.sum(GatewayScaleBenchmark.scrape(http, metrics), "onenet_field_reads_total") < devices * 2.0) {
                TimeUnit.MILLISECONDS.sleep(500);
                if (!app.isAlive() || System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("the app did not read every source; see " + run.resolve("app.log"));
                }
            }
            TimeUnit.SECONDS.sleep(5);
            String before = GatewayScaleBenchmark.scrape(http, metrics);
            long cpuBefore = cpuNanos(app.pid());
            long from = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            String after = GatewayScaleBenchmark.scrape(http, metrics);
            double elapsed = (System.nanoTime() - from) / 1e9;
            double cpu = (cpuNanos(app.pid()) - cpuBefore) / 1e9;
            double reads = delta(before, after, "onenet_field_reads_total");
            double late = delta(before, after, "onenet_field_polls_late_total");
            double reported = delta(before, after, "onenet_field_values_reported_total");
            String status = Files.readString(Path.of("/proc", String.valueOf(app.pid()), "status"));
            Run result = new Run(poll, reads / elapsed, reads == 0 ? 0 : 1 - late / reads, reported / elapsed,
                    cpu / elapsed, ProcStatus.field(status, "VmRSS") * 1024, ProcStatus.field(status, "Threads"));
            System.out.println("app " + result);
            return result;
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static double delta(String before, String after, String metric) {
        return GatewayScaleBenchmark.sum(after, metric) - GatewayScaleBenchmark.sum(before, metric);
    }

    /** User and system CPU time of a process so far, from /proc (clock ticks of 1/100 s). */
    static long cpuNanos(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static String report(int devices, String[] raw, Run nominal, Run saturated) {
        double rawReads = Long.parseLong(raw[1]) / Double.parseDouble(raw[2]);
        double rawCpu = Double.parseDouble(raw[3]) / Double.parseDouble(raw[2]);
        double ratio = saturated.readsPerSecond() / rawReads;
        return String.format(Locale.ROOT, """
                Measured %s on %d cores: %d Modbus TCP devices of %d points (holding registers, int16, scale 0.1), one \
                connection each, served by one j2mod slave in a process of its own that changes 3 points of every \
                device each second (at saturation the devices hold still, so that the app's reading is compared with \
                the raw loop's, not its reporting); the app (`java -jar target/camel-onenet.jar`, -Xmx1g, one legacy device) reads \
                them by a points file and sends what changed to Debian's mosquitto %s with onenet.buffer.sync=full. \
                A poll is on time when it starts within a tenth of its period of when it was due. CPU: share of one \
                core.

                | every source polled every | reads/s | polls on time | values reported/s | CPU | resident (MiB) | threads |
                |---|---:|---:|---:|---:|---:|---:|
                | 1 s (asked: %d reads/s) | %.0f | %.2f %% %s | %.0f | %.0f %% | %.0f | %d |
                | 10 ms (saturation) | %.0f | - | %.0f | %.0f %% | %.0f | %d |

                At saturation, beside the raw loop (`RawModbusLoop`: j2mod's master, the same %d connections, %d \
                threads reading one request per device as fast as it answers, %d s): **%.0f reads/s raw, the app \
                %.2fx** (target 0.8x: %s); the raw loop used %.0f %% CPU, %.0f MiB resident.
                """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), devices, POINTS,
                Mosquitto.version(), devices, nominal.readsPerSecond(), nominal.onTime() * 100,
                nominal.onTime() >= 0.99 ? "(target 99 %: met)" : "(target 99 %: **missed**)",
                nominal.reportedPerSecond(), nominal.cpuShare() * 100, nominal.rss() / 1048576.0, nominal.threads(),
                saturated.readsPerSecond(), saturated.reportedPerSecond(), saturated.cpuShare() * 100,
                saturated.rss() / 1048576.0, saturated.threads(), devices, THREADS, SATURATION_SECONDS, rawReads,
                ratio, ratio >= 0.8 ? "met" : "**missed**", rawCpu * 100, Long.parseLong(raw[4]) / 1048576.0);
    }
}
