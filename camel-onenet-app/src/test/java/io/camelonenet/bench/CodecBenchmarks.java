package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the codec benchmarks and writes their table into docs/performance.md, between the codec markers, so the
 * document shows what the last run measured and is never typed by hand:
 * {@code ./mvnw -B -Pbenchmark test-compile exec:exec}.
 */
public final class CodecBenchmarks {

    private CodecBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : DpCodecBenchmark.class.getName();
        Options options = new OptionsBuilder().include(include).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replace(DpCodecBenchmark.class.getName() + ".", "");
            String params = result.getParams().getParamsKeys().stream().sorted()
                    .map(key -> key + "=" + result.getParams().getParam(key)).collect(Collectors.joining(","));
            scores.put(name + "[" + params + "]", result.getPrimaryResult().getScore());
        }
        DocSection.replace(DocSection.PERFORMANCE, "codec-benchmark", report(scores));
    }

    private static String report(Map<String, Double> ns) {
        StringBuilder out = new StringBuilder();
        out.append("Last run: ").append(LocalDate.now()).append(", ").append(machine()).append("\n\n");
        out.append("Average time per operation (JMH, 1 fork, 3 warm-up and 5 measured iterations of 1 s).\n\n");
        out.append("| Type | Size | encode | decode |\n|---|---|---:|---:|\n");
        for (int type = 1; type <= 7; type++) {
            for (String size : new String[] {"small", "large"}) {
                String key = "[size=" + size + ",type=" + type + "]";
                out.append("| ").append(type).append(" | ").append(size).append(" | ")
                        .append(time(ns.get("encode" + key))).append(" | ").append(time(ns.get("decode" + key)))
                        .append(" |\n");
            }
        }
        out.append("\nType 1 encoding against Jackson, same datapoints, same run:\n\n");
        out.append("| Size | codec (frame) | same JSON, no frame | ratio | Jackson streaming | ratio "
                + "| databind from datapoints | ratio | databind of a prebuilt tree | ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String size : new String[] {"small", "large"}) {
            String key = "[size=" + size + "]";
            double codec = value(ns, "JacksonAlone.codecType1" + key);
            out.append("| ").append(size).append(" | ").append(time(codec));
            for (String baseline : new String[] {"jacksonJsonOnly", "jacksonStreaming",
                    "jacksonDatabindFromDatapoints", "jacksonDatabind"}) {
                double base = value(ns, "JacksonAlone." + baseline + key);
                out.append(" | ").append(time(base)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2fx", codec / base));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private static double value(Map<String, Double> ns, String key) {
        Double value = ns.get(key);
        return value == null ? Double.NaN : value;
    }

    private static String time(Double ns) {
        if (ns == null || ns.isNaN()) {
            return "-";
        }
        return ns >= 10_000 ? String.format(Locale.ROOT, "%.1f µs", ns / 1000) : String.format(Locale.ROOT, "%.0f ns", ns);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: keep the placeholder
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + ManagementFactory.getOperatingSystemMXBean().getName() + ", Java "
                + System.getProperty("java.version");
    }
}
