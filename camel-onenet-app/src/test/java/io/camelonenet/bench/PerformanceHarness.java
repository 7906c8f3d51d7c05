package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;

import io.camelonenet.buffer.Durability;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

/**
 * Every case of the performance targets on one broker, repeated, side by side: throughput of the uplink paths against
 * raw Paho, backlog drain against Paho's async client, start-up and memory against a raw Paho main, command round
 * trips against a raw Paho responder. Starts Debian's mosquitto when installed (else the emulator), counts what a
 * subscriber received, and rewrites the harness section of docs/performance.md and the chart next to it.
 * {@code ./mvnw -B -Pbenchmark test-compile exec:exec} runs it with the JMH codec benchmarks;
 * {@code -Dbench.main=io.camelonenet.bench.PerformanceHarness} alone; {@code -Dbench.repetitions=N} (default 3);
 * {@code -Dbench.cases=throughput,startup,rtt} (default all) for a part, printed only.
 */
public final class PerformanceHarness {

    static final int RATE_LIMIT = 200;
    private static final int LIMITED_BACKLOG = 1000;
    private static final Path CHART = Path.of("docs", "performance-throughput.svg");

    private final Map<String, Sample> samples = new LinkedHashMap<>();
    private final List<Pace> paces = new ArrayList<>();
    private final Set<String> groups;

    private PerformanceHarness(Set<String> groups) {
        this.groups = groups;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = Integer.getInteger("bench.repetitions", 3);
        Set<String> groups = Set.of(System.getProperty("bench.cases", "throughput,startup,rtt").split(","));
        new PerformanceHarness(groups).run(repetitions);
    }

    private void run(int repetitions) throws Exception {
        Path work = Files.createTempDirectory("onenet-bench-");
        Mosquitto mosquitto = null;
        OneNetEmulator emulator = null;
        String broker;
        String url;
        if (Mosquitto.installed()) {
            // a queue deep enough for a lagging QoS 1 subscriber, and no Nagle delay on replies
            mosquitto = Mosquitto.start(work, "max_queued_messages 1000000", "max_inflight_messages 0",
                    "set_tcp_nodelay true");
            broker = "Debian's mosquitto " + Mosquitto.version();
            url = mosquitto.url();
        } else {
            int port = FreePort.onLoopback();
            emulator = OneNetEmulator.builder().plainBroker().port(port).device("bench", "p", "k").build().start();
            broker = "the project's emulator (embedded HiveMQ CE)";
            url = "tcp://127.0.0.1:" + port;
        }
        try {
            ThroughputCases throughput = new ThroughputCases(url, work);
            ProcessCases processes = new ProcessCases(url, work);
            if (groups.contains("throughput")) {
                // one pass first, not recorded: every case runs warm (JIT-compiled), as a long-running device does
                System.out.println("Warm-up");
                throughputCases(throughput, false);
            }
            for (int repetition = 1; repetition <= repetitions; repetition++) {
                System.out.println("Repetition " + repetition + " of " + repetitions);
                if (groups.contains("throughput")) {
                    throughputCases(throughput, true);
                }
                if (groups.contains("startup")) {
                    startupCases(processes);
                }
                if (groups.contains("rtt")) {
                    double[][] trips = processes.roundTripsSideBySide();
                    double[] appTrips = trips[0];
                    double[] rawTrips = trips[1];
                    record("rtt50-app", ProcessCases.percentile(appTrips, 50));
                    record("rtt50-raw", ProcessCases.percentile(rawTrips, 50));
                    record("rtt99-app", ProcessCases.percentile(appTrips, 99));
                    record("rtt99-raw", ProcessCases.percentile(rawTrips, 99));
                }
            }
        } finally {
            if (mosquitto != null) {
                mosquitto.close();
            }
            if (emulator != null) {
                emulator.close();
            }
        }
        String header = String.format(Locale.ROOT, "Last run: %s, %s, broker: %s on loopback, %d repetitions "
                + "(medians; the range is the lowest and highest ratio of a repetition), after a warm-up pass. "
                + "Throughput: %,d readings per case at QoS 1, %,d at QoS 0, %,d for the backlog, counted by a QoS 1 "
                + "subscriber on the same broker. Round trips: %,d commands after %,d warm-up commands.%n%n",
                LocalDate.now(), CodecBenchmarks.machine(), broker, repetitions, ThroughputCases.READINGS,
                ThroughputCases.READINGS_QOS0, ThroughputCases.BACKLOG, ProcessCases.COMMANDS,
                ProcessCases.WARM_UP_COMMANDS);
        if (!groups.containsAll(Set.of("throughput", "startup", "rtt"))) {
            // a partial run prints its figures and leaves the document alone
            return;
        }
        DocSection.replace(DocSection.PERFORMANCE, "harness", header + table() + "\n![Datapoints per second per case, medians]("
                + CHART.getFileName() + ")\n");
        Files.writeString(CHART, chart(), StandardCharsets.UTF_8);
    }

    private void throughputCases(ThroughputCases throughput, boolean recorded) throws Exception {
        record("raw-qos1", throughput.rawPaho(1), recorded);
        record("direct-qos1", throughput.uplinkDirect(1), recorded);
        record("buffered-qos1", throughput.uplinkBuffered(Durability.FULL), recorded);
        record("buffered-normal-qos1", throughput.uplinkBuffered(Durability.NORMAL), recorded);
        record("raw-qos0", throughput.rawPaho(0), recorded);
        record("direct-qos0", throughput.uplinkDirect(0), recorded);
        record("async", throughput.asyncWindowed(), recorded);
        record("drain", throughput.backlogDrain(ThroughputCases.BACKLOG, false), recorded);
        record("drain-paho", throughput.backlogDrain(ThroughputCases.BACKLOG, true), recorded);
        if (recorded) {
            Pace pace = throughput.limitedDrain(LIMITED_BACKLOG, RATE_LIMIT);
            paces.add(pace);
            record("drain-limited", pace.fitted());
        }
    }

    private void startupCases(ProcessCases processes) throws Exception {
        double[] app = processes.appStartup();
        double[] raw = processes.rawStartup();
        double[] launcher = processes.launcherStartup();
        record("startup-app", app[0]);
        record("startup-raw", raw[0]);
        record("rss-app", app[1]);
        record("rss-raw", raw[1]);
        record("startup-launcher", launcher[0]);
        record("rss-launcher", launcher[1]);
    }

    private void record(String name, double value, boolean recorded) {
        if (recorded) {
            record(name, value);
        }
    }

    private void record(String name, double value) {
        samples.computeIfAbsent(name, key -> new Sample()).add(value);
        System.out.printf(Locale.ROOT, "  %-14s %,.2f%n", name, value);
    }

    private String table() {
        StringBuilder out = new StringBuilder("| Case | project | baseline | ratio (range) | target | |\n"
                + "|---|---:|---:|---:|---|---|\n");
        rate(out, "Uplink path, no buffer (json, frame, paho on the shared connection), QoS 1", "direct-qos1",
                "raw Paho `MqttClient`", "raw-qos1", 0.8);
        rate(out, "Uplink path as the app runs it (durable buffer, pipelined forwarder), QoS 1", "buffered-qos1",
                "raw Paho `MqttClient`", "raw-qos1", 0.8);
        rate(out, "The same with `onenet.buffer.sync=normal` (no disk sync per reading), QoS 1",
                "buffered-normal-qos1", "raw Paho `MqttClient`", "raw-qos1", 0.8);
        rate(out, "Uplink path, no buffer, QoS 0", "direct-qos0", "raw Paho `MqttClient`", "raw-qos0", 0.8);
        rate(out, "Backlog drain of 10,000 (forwarder with onenet-publish, window 100), QoS 1", "drain",
                "Paho async, 1,000 in flight", "async", 0.5);
        rate(out, "Backlog drain of 10,000 through camel-paho (one in flight), for reference", "drain-paho",
                "Paho async, 1,000 in flight", "async", Double.NaN);
        Sample limited = samples.get("drain-limited");
        out.append(String.format(Locale.ROOT, "| Backlog drain of %,d, rate limit %d/s (pace fitted over every arrival) "
                        + "| %,.1f/s | limit %d/s | %.3fx (%.3f-%.3f) | never above | %s |%n", LIMITED_BACKLOG,
                RATE_LIMIT, limited.median(), RATE_LIMIT, limited.median() / RATE_LIMIT, limited.min() / RATE_LIMIT,
                limited.max() / RATE_LIMIT, paces.stream().allMatch(pace -> pace.withinLimit(RATE_LIMIT)) ? "met"
                        : "missed"));
        atMost(out, "Start-up to first datapoint, `bin/camel-onenet` of the distribution (its default heap and its"
                + " class-data-sharing archive, emulator off)", "startup-launcher", "raw Paho main", "startup-raw",
                1.5, "%.2f s");
        atMost(out, "Resident memory (VmRSS) 5 s after the first datapoint, `bin/camel-onenet`", "rss-launcher",
                "raw Paho main", "rss-raw", 1.5, "%.0f MiB");
        atMost(out, "Start-up, `java -Xmx32m -jar target/camel-onenet.jar` (no archive), for reference",
                "startup-app", "raw Paho main", "startup-raw", Double.NaN, "%.2f s");
        atMost(out, "Resident memory, `java -Xmx32m -jar target/camel-onenet.jar`", "rss-app", "raw Paho main",
                "rss-raw", Double.NaN, "%.0f MiB");
        atMost(out, "Command round trip p50, " + ProcessCases.COMMANDS + " commands each, in turn, `bin/camel-onenet` (command written to its file, then answered)",
                "rtt50-app", "raw Paho, answer from another thread", "rtt50-raw", Double.NaN, "%.2f ms");
        atMost(out, "Command round trip p99", "rtt99-app", "raw Paho, answer from another thread", "rtt99-raw", 2,
                "%.2f ms");
        out.append(String.format(Locale.ROOT, "%nAbsolute medians (datapoints/s): raw `MqttClient` QoS 1 %,.0f, QoS 0 "
                        + "%,.0f; Paho async with 1,000 in flight %,.0f.%n", samples.get("raw-qos1").median(),
                samples.get("raw-qos0").median(), samples.get("async").median()));
        out.append(String.format(Locale.ROOT, "%nThe rate limit's pace, each repetition: fitted rate (the scatter of the "
                + "arrivals around it); from the first arrival to the last; the shortest time %d intervals took at the subscriber "
                + "(at least 1 s at the sender when never above the limit).%s%n", RATE_LIMIT, paces.stream()
                .map(pace -> String.format(Locale.ROOT, " %.3f/s (%.1f ms); %.2f/s; %.3f s.", pace.fitted(),
                        pace.scatter() * 1e3, pace.firstToLast(), pace.shortestSecondSpan()))
                .reduce("", String::concat)));
        return out.toString();
    }

    private void rate(StringBuilder out, String name, String project, String baselineName, String baseline,
                      double atLeast) {
        Sample ratio = samples.get(project).over(samples.get(baseline));
        out.append(String.format(Locale.ROOT, "| %s | %,.0f/s | %s %,.0f/s | %.2fx (%.2f-%.2f) | %s | %s |%n", name,
                samples.get(project).median(), baselineName, samples.get(baseline).median(), ratio.median(),
                ratio.min(), ratio.max(), Double.isNaN(atLeast) ? "" : String.format(Locale.ROOT, "at least %.1fx",
                        atLeast), Double.isNaN(atLeast) ? "" : verdict(ratio, r -> r >= atLeast)));
    }

    private void atMost(StringBuilder out, String name, String project, String baselineName, String baseline,
                        double atMost, String format) {
        Sample ratio = samples.get(project).over(samples.get(baseline));
        out.append(String.format(Locale.ROOT, "| %s | " + format + " | %s " + format + " | %.2fx (%.2f-%.2f) | %s | %s |%n",
                name, samples.get(project).median(), baselineName, samples.get(baseline).median(), ratio.median(),
                ratio.min(), ratio.max(), Double.isNaN(atMost) ? "" : String.format(Locale.ROOT, "at most %.1fx",
                        atMost), Double.isNaN(atMost) ? "" : verdict(ratio, r -> r <= atMost)));
    }

    /** Met or missed in every repetition; otherwise how many repetitions met it (the figures are too noisy to say). */
    private static String verdict(Sample ratios, DoublePredicate meets) {
        long met = ratios.values().stream().filter(meets::test).count();
        if (met == ratios.values().size()) {
            return "met";
        }
        return met == 0 ? "missed" : "not settled: met in " + met + " of " + ratios.values().size() + " repetitions";
    }

    private String chart() {
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("raw Paho MqttClient, QoS 1", samples.get("raw-qos1").median());
        bars.put("uplink path, no buffer, QoS 1", samples.get("direct-qos1").median());
        bars.put("uplink path as the app runs it, QoS 1", samples.get("buffered-qos1").median());
        bars.put("the same, onenet.buffer.sync=normal", samples.get("buffered-normal-qos1").median());
        bars.put("raw Paho MqttClient, QoS 0", samples.get("raw-qos0").median());
        bars.put("uplink path, no buffer, QoS 0", samples.get("direct-qos0").median());
        bars.put("Paho async, 1,000 in flight, QoS 1", samples.get("async").median());
        bars.put("backlog drain, onenet-publish, QoS 1", samples.get("drain").median());
        bars.put("backlog drain, camel-paho, QoS 1", samples.get("drain-paho").median());
        bars.put("backlog drain, rate limit " + RATE_LIMIT + "/s", samples.get("drain-limited").median());
        Set<String> project = Set.of("uplink path, no buffer, QoS 1", "uplink path as the app runs it, QoS 1",
                "the same, onenet.buffer.sync=normal",
                "uplink path, no buffer, QoS 0", "backlog drain, onenet-publish, QoS 1",
                "backlog drain, camel-paho, QoS 1", "backlog drain, rate limit " + RATE_LIMIT + "/s");
        return SvgChart.bars("Datapoints per second delivered (medians, " + LocalDate.now() + ")", "/s", bars,
                project);
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
