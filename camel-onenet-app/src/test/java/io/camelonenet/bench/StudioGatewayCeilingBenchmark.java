package io.camelonenet.bench;

import io.camelonenet.docs.DocSection;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.SubDevicePost;
import io.camelonenet.studio.SubDevice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A current-platform gateway at the platform's ceiling: one uplink message a second per connection, at most 10
 * sub-devices a message and 100 values a sub-device (docs/protocol-notes.md, Sub-devices), so at most 1,000 values a
 * second. The packaged app carries 30 sub-devices of 10 properties, a reading each every 300 ms (1,000 values a second
 * offered), to the emulator (which counts every value and every message); the readings come from a route of the
 * benchmark's own into {@code direct:onenet-reading}, as a user's route would give them. Reports the values delivered
 * a second against the ceiling and the most messages the emulator got in any second. Rewrites the
 * {@code studio-gateway-ceiling} section of docs/performance.md.
 *
 * <pre>./mvnw -B -Pbenchmark -DskipTests package exec:exec -Dbench.main=io.camelonenet.bench.StudioGatewayCeilingBenchmark</pre>
 */
public final class StudioGatewayCeilingBenchmark {

    private static final int SUB_DEVICES = 30;
    private static final int PROPERTIES = 10;
    private static final int PERIOD_MILLIS = 300;
    private static final double CEILING = 1_000;
    private static final double TARGET = 0.95;
    private static final int WARM_UP_SECONDS = 20;
    private static final int MEASURED_SECONDS = 60;
    private static final String GATEWAY_PRODUCT = "benchGateway";
    private static final String GATEWAY = "ceiling-gateway";
    private static final String PRODUCT = "benchMeters";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path JAR = Path.of("target", "camel-onenet.jar");

    private StudioGatewayCeilingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("onenet-ceiling-");
        OneNetEmulator.Builder builder = OneNetEmulator.builder().port(FreePort.onLoopback())
                .commandPeriod(Duration.ZERO).studioDevice(GATEWAY_PRODUCT, GATEWAY, key(GATEWAY))
                .thingUplinkRate(1);
        List<SubDevice> devices = IntStream.rangeClosed(1, SUB_DEVICES)
                .mapToObj(i -> new SubDevice(PRODUCT, "meter-" + i)).toList();
        devices.forEach(device -> builder.subDevice(GATEWAY, PRODUCT, device.deviceName(), key(device.deviceName())));
        try (OneNetEmulator onenet = builder.build().start()) {
            Process app = start(work, onenet, devices);
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!devices.stream().allMatch(device -> onenet.subDeviceOnline(GATEWAY, device))) {
                    if (!app.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the sub-devices did not log in; see " + work);
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                // long enough for a backlog to reach its steady state, then the window measured
                TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
                Instant from = Instant.now();
                TimeUnit.SECONDS.sleep(MEASURED_SECONDS);
                Instant to = Instant.now();
                report(onenet, from, to);
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void report(OneNetEmulator onenet, Instant from, Instant to) throws Exception {
        List<SubDevicePost> posts = onenet.record().subDevicePosts().stream()
                .filter(post -> !post.receivedAt().isBefore(from) && post.receivedAt().isBefore(to)).toList();
        long values = posts.stream().mapToLong(post -> post.points().size()).sum();
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        double delivered = values / seconds;
        // a message is one request id; the most that arrived within any second of the window
        List<Instant> messages = posts.stream().collect(Collectors.toMap(SubDevicePost::requestId,
                SubDevicePost::receivedAt, (a, b) -> a)).values().stream().sorted().toList();
        // the pacer sends one a second; arrivals jitter by a few milliseconds either way, so the rate is judged over
        // the window (at most one message a second, plus the one a window's edge may catch) and the gap is shown
        long smallestGapMillis = Long.MAX_VALUE;
        for (int i = 1; i < messages.size(); i++) {
            smallestGapMillis = Math.min(smallestGapMillis,
                    Duration.between(messages.get(i - 1), messages.get(i)).toMillis());
        }
        double messagesPerSecond = messages.size() / seconds;
        boolean withinRate = messages.size() <= Math.floor(seconds) + 1;
        Map<String, Long> kinds = new TreeMap<>(posts.stream().collect(Collectors.groupingBy(SubDevicePost::kind,
                Collectors.mapping(SubDevicePost::requestId, Collectors.collectingAndThen(Collectors.toSet(),
                        set -> (long) set.size())))));
        List<String> violations = onenet.record().violations();
        double ratio = delivered / CEILING;
        String section = String.format(Locale.ROOT, """
                Last run: %s, %s. The packaged app (`java -jar target/camel-onenet.jar`, its defaults: the gateway's \
                rate of 1 message a second) as a current-platform gateway of %d sub-devices of %d properties, a \
                reading each every %d ms (%,.0f values a second offered), against the emulator; %d s measured after \
                %d s of warm-up.

                | | delivered | ceiling | ratio | target | |
                |---|---:|---:|---:|---|---|
                | Values a second the platform received | %,.0f/s | %,.0f/s | %.2fx | at least %.2fx | %s |
                | Messages a second over the window | %.2f/s | 1/s | | never above 1/s | %s |

                Messages in the window: %s, the smallest gap between two: %d ms (arrival jitter); the \
                emulator's rate check (over 5 s windows): %s.
                """, LocalDate.now(), CodecBenchmarks.machine(), SUB_DEVICES, PROPERTIES, PERIOD_MILLIS,
                SUB_DEVICES * PROPERTIES * 1000.0 / PERIOD_MILLIS, MEASURED_SECONDS, WARM_UP_SECONDS, delivered,
                CEILING, ratio, TARGET, ratio >= TARGET ? "met" : "missed", messagesPerSecond,
                withinRate ? "met" : "missed", kinds, smallestGapMillis, violations.isEmpty() ? "no violation"
                        : violations.size() + " violations, the first: " + violations.get(0));
        System.out.print(section);
        DocSection.replace(DocSection.PERFORMANCE, "studio-gateway-ceiling", section);
    }

    private static Process start(Path work, OneNetEmulator onenet, List<SubDevice> devices) throws Exception {
        Path file = work.resolve("sub-devices.yaml");
        Files.writeString(file, "devices:\n" + devices.stream().map(device -> "  - device-name: \""
                + device.deviceName() + "\"\n    product-id: \"" + PRODUCT + "\"\n    device-key: \""
                + key(device.deviceName()) + "\"\n").collect(Collectors.joining()));
        // the app's own routes, and one of the benchmark's: 10 properties for every sub-device every 300 ms
        Path routes = work.resolve("routes");
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path source : files.toList()) {
                Path target = routes.resolve(Path.of("routes").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < PROPERTIES; i++) {
            values.add("\\\"p" + i + "\\\": ${random(1000)}");
        }
        Files.writeString(routes.resolve("gateway/studio/bench-readings.camel.yaml"), """
                - route:
                    id: bench-readings
                    from:
                      uri: "timer:bench-readings?period=%d&delay=0"
                      steps:
                        - bean:
                            ref: gatewayDevices
                            method: deviceIds
                        - split:
                            simple: "${body}"
                            steps:
                              - bean:
                                  ref: subDeviceReadings
                                  method: "address(${body}, ${exchange})"
                              - setBody:
                                  simple: "{%s}"
                              - unmarshal:
                                  json: {}
                              - to: direct:onenet-reading
                """.formatted(PERIOD_MILLIS, String.join(", ", values)), StandardCharsets.UTF_8);
        return new ProcessBuilder(JAVA, "-Xmx512m", "-Xss512k",
                "-Dcamel.management.port=" + FreePort.onLoopback(),
                "-Donenet.broker-url=" + onenet.brokerUrl(),
                "-Donenet.emulator.enabled=false",
                "-Donenet.protocol=studio",
                "-Donenet.product-id=" + GATEWAY_PRODUCT,
                "-Donenet.device-name=" + GATEWAY,
                "-Donenet.device-key=" + key(GATEWAY),
                "-Donenet.devices.file=" + file,
                // the bundled simulator reads once at the start, then the benchmark's route gives the readings
                "-Donenet.uplink.period=3600000",
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile()).directory(work.toFile())
                .start();
    }

    private static String key(String name) {
        return Base64.getEncoder().encodeToString(("key of " + name + " for the benchmark")
                .getBytes(StandardCharsets.UTF_8));
    }
}
