package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up and resident memory of the distribution's launcher on Java 17 and on Java 25, each beside raw Paho on the
 * same JDK ({@link ProcessCases#launcherStartup}, {@link ProcessCases#rawStartup}): on 17 the launcher's
 * class-data-sharing archive, on 25 the JDK's ahead-of-time cache and compact object headers. Rewrites the
 * {@code jdk-startup} section of docs/performance.md.
 *
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.JdkStartupBenchmark</pre>
 *
 * {@code -Dbench.jdk25=/path/to/jdk-25} where Temurin 25 is elsewhere than /usr/lib/jvm/temurin-25-jdk-amd64.
 */
public final class JdkStartupBenchmark {

    private static final double FIRST_DATAPOINT_ON_25 = 0.7;
    private static final double RSS_ON_25 = 80;

    /** The launcher on 25 with one of its choices undone (JAVA_OPTS come after its defaults and win). */
    private static final Map<String, Map<String, String>> VARIANTS_ON_25 = variants();

    private static Map<String, Map<String, String>> variants() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("no ahead-of-time cache", Map.of("ONENET_CDS", "off"));
        variants.put("no ahead-of-time cache, no compact object headers",
                Map.of("ONENET_CDS", "off", "JAVA_OPTS", "-XX:-UseCompactObjectHeaders"));
        variants.put("no ahead-of-time cache, -Xmx32m", Map.of("ONENET_CDS", "off", "JAVA_OPTS", "-Xmx32m"));
        variants.put("no ahead-of-time cache, C2 as well (no TieredStopAtLevel=1)",
                Map.of("ONENET_CDS", "off", "JAVA_OPTS", "-XX:TieredStopAtLevel=4"));
        return variants;
    }

    private JdkStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = Integer.getInteger("bench.repetitions", 3);
        Path jdk17 = Path.of(System.getProperty("java.home"));
        Path jdk25 = Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(jdk25.resolve("bin").resolve("java"))) {
            throw new IllegalStateException("no Java 25 at " + jdk25 + ": set -Dbench.jdk25");
        }
        Path work = Files.createTempDirectory("onenet-jdk-startup-");
        List<String> rows = new ArrayList<>();
        try (Mosquitto mosquitto = Mosquitto.start(work, "set_tcp_nodelay true")) {
            for (Path jdk : List.of(jdk17, jdk25)) {
                ProcessCases cases = new ProcessCases(mosquitto.url(), work, jdk);
                Sample launcherSeconds = new Sample();
                Sample rawSeconds = new Sample();
                Sample launcherMib = new Sample();
                Sample rawMib = new Sample();
                for (int repetition = 1; repetition <= repetitions; repetition++) {
                    double[] launcher = cases.launcherStartup();
                    double[] raw = cases.rawStartup();
                    launcherSeconds.add(launcher[0]);
                    launcherMib.add(launcher[1]);
                    rawSeconds.add(raw[0]);
                    rawMib.add(raw[1]);
                    System.out.printf(Locale.ROOT, "%s: launcher %.2f s %.0f MiB, raw Paho %.2f s %.0f MiB%n",
                            jdk.getFileName(), launcher[0], launcher[1], raw[0], raw[1]);
                }
                boolean on25 = jdk.equals(jdk25);
                String version = release(jdk);
                rows.add(row("First datapoint, Java " + version, launcherSeconds, rawSeconds, "%.2f s",
                        on25 ? FIRST_DATAPOINT_ON_25 : Double.NaN, on25 ? "at most 0.7 s" : ""));
                rows.add(row("Resident memory, Java " + version, launcherMib, rawMib, "%.0f MiB",
                        on25 ? RSS_ON_25 : Double.NaN, on25 ? "at most 80 MiB" : ""));
                if (on25) {
                    // which of the launcher's Java 25 options earned their place: each taken away in turn
                    for (Map.Entry<String, Map<String, String>> variant : VARIANTS_ON_25.entrySet()) {
                        Sample seconds = new Sample();
                        Sample mib = new Sample();
                        for (int repetition = 1; repetition <= repetitions; repetition++) {
                            double[] measured = cases.launcherStartup(variant.getValue());
                            seconds.add(measured[0]);
                            mib.add(measured[1]);
                            System.out.printf(Locale.ROOT, "%s %s: %.2f s %.0f MiB%n", jdk.getFileName(),
                                    variant.getKey(), measured[0], measured[1]);
                        }
                        rows.add(row("First datapoint, Java " + version + ", " + variant.getKey(), seconds,
                                rawSeconds, "%.2f s", Double.NaN, ""));
                        rows.add(row("Resident memory, Java " + version + ", " + variant.getKey(), mib, rawMib,
                                "%.0f MiB", Double.NaN, ""));
                    }
                }
            }
        }
        String section = String.format(Locale.ROOT, "Last run: %s, %s, broker: Debian's mosquitto %s on loopback, "
                        + "%d repetitions (medians, the range in brackets). `bin/camel-onenet` of the distribution "
                        + "after its training run (Java 17: its class-data-sharing archive; Java 25: the JDK's "
                        + "ahead-of-time cache and `-XX:+UseCompactObjectHeaders`), against `RawPahoMain` (-Xmx32m) "
                        + "on the same JDK.%n%n| Case | `bin/camel-onenet` | raw Paho main | ratio | target | |%n"
                        + "|---|---:|---:|---:|---|---|%n%s", LocalDate.now(), CodecBenchmarks.machine(),
                Mosquitto.version(), repetitions, String.join("", rows));
        System.out.print(section);
        DocSection.replace(DocSection.PERFORMANCE, "jdk-startup", section);
    }

    /** The project's figure, raw Paho's, their ratio, and whether the absolute target is met in every repetition. */
    private static String row(String name, Sample project, Sample raw, String format, double atMost,
                              String target) {
        Sample ratio = project.over(raw);
        String verdict = Double.isNaN(atMost) ? ""
                : project.values().stream().allMatch(value -> value <= atMost) ? "met"
                : project.values().stream().noneMatch(value -> value <= atMost) ? "missed"
                : "not settled: met in " + project.values().stream().filter(value -> value <= atMost).count()
                + " of " + project.values().size() + " repetitions";
        return String.format(Locale.ROOT, "| %s | " + format + " (" + format + "-" + format + ") | " + format
                        + " | %.2fx | %s | %s |%n", name, project.median(), project.min(), project.max(),
                raw.median(), ratio.median(), target, verdict);
    }

    /** The JDK's version from its release file. */
    private static String release(Path jdk) throws Exception {
        return Files.readAllLines(jdk.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                .findFirst().map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                .orElse(jdk.getFileName().toString());
    }
}
