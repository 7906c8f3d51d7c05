package io.camelonenet.bench;

import io.camelonenet.connection.NoDelaySocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Cases that need a process of their own: start-up and resident memory of {@code java -Xmx32m -jar
 * target/camel-onenet.jar} (emulator off) against {@link RawPahoMain}, and command round trips against the app and
 * against a raw Paho client that answers from a separate thread.
 */
final class ProcessCases {

    static final int COMMANDS = 5000;
    static final int WARM_UP_COMMANDS = 10000;
    private final String url;
    private final Path work;
    /** The JDK every process of these cases runs on. */
    private final Path javaHome;
    private final String javaCommand;
    private int run;

    /** On the JDK that runs the benchmark. */
    ProcessCases(String url, Path work) {
        this(url, work, Path.of(System.getProperty("java.home")));
    }

    ProcessCases(String url, Path work, Path javaHome) {
        this.url = url;
        this.work = work;
        this.javaHome = javaHome;
        this.javaCommand = javaHome.resolve("bin").resolve("java").toString();
    }

    /** Seconds from process start to the first datapoint at the subscriber, and VmRSS (MiB) 5 s later. */
    double[] appStartup() throws Exception {
        return startup(List.of(javaCommand, "-Xmx32m", "-jar", "target/camel-onenet.jar"));
    }

    /**
     * The distribution's launcher as users run it: {@code bin/camel-onenet} of the tar.gz unpacked into an empty
     * directory, with its default heap and its class-data-sharing archive, which its first run (the training run here,
     * stopped with SIGTERM as Ctrl-C or systemd stop it) creates.
     */
    double[] launcherStartup() throws Exception {
        return launcherStartup(Map.of());
    }

    /** As {@link #launcherStartup()}, the measured run with {@code environment} added (JAVA_OPTS, ONENET_CDS). */
    double[] launcherStartup(Map<String, String> environment) throws Exception {
        ProcessBuilder measured = launcher(distribution());
        measured.environment().putAll(environment);
        return startup(measured);
    }

    /**
     * The distribution unpacked into an empty directory, once per JDK (the launcher keeps its archive inside it), after
     * its training run: the first run, which makes the archive, stopped with SIGTERM as Ctrl-C or systemd stop it.
     */
    private Path distribution() throws Exception {
        Path home = work.resolve("distribution-" + javaHome.getFileName());
        if (!Files.isDirectory(home)) {
            Path archive;
            try (var found = Files.list(Path.of("target"))) {
                archive = found.filter(file -> file.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no distribution in target/: package first"));
            }
            Files.createDirectories(home);
            Process untar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(),
                    "--strip-components=1", "-C", home.toString()).inheritIO().start();
            if (untar.waitFor() != 0) {
                throw new IllegalStateException("cannot unpack " + archive);
            }
            ProcessBuilder training = launcher(home).redirectOutput(work.resolve("cds-training-"
                    + javaHome.getFileName() + ".log").toFile());
            try (Subscriber subscriber = new Subscriber(url)) {
                Process process = training.start();
                subscriber.awaitCount(3);
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        return home;
    }

    private ProcessBuilder launcher(Path home) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/camel-onenet").toString())
                .redirectErrorStream(true).directory(work.toFile());
        builder.environment().putAll(appEnvironment("1000"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        return builder;
    }

    double[] rawStartup() throws Exception {
        return startup(List.of(javaCommand, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                RawPahoMain.class.getName(), url, "1000"));
    }

    private double[] startup(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(appEnvironment("1000"));
        return startup(builder);
    }

    private double[] startup(ProcessBuilder builder) throws Exception {
        try (Subscriber subscriber = new Subscriber(url)) {
            builder.redirectOutput(work.resolve("startup-" + run++ + ".log").toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                double seconds = (subscriber.awaitCount(1) - start) / 1e9;
                // idle memory: after a few readings, once start-up garbage had its chance to be collected
                TimeUnit.SECONDS.sleep(5);
                return new double[] {seconds, rssMib(process.pid())};
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Round trips in milliseconds, {@code [0]} against the app (which writes each command to its file and answers) and
     * {@code [1]} against a raw Paho client that answers from another thread ({@link RawPahoResponder}, a process of
     * its own), both running at once and asked in turn, one command outstanding at a time: a stall of the machine (the
     * broker, this process) falls on both alike instead of on whichever case happened to run then. The raw responder
     * has its own topics ({@code raw/$creq/+}).
     */
    double[][] roundTripsSideBySide() throws Exception {
        // the app as users run it, like the start-up case: the distribution's launcher with its defaults
        ProcessBuilder builder = launcher(distribution()).redirectOutput(work.resolve("rtt-" + run + ".log").toFile());
        builder.environment().putAll(appEnvironment("3600000"));
        // -Dbench.app.options="-XX:StartFlightRecording=filename=rtt.jfr": profile the app where it is measured
        String options = System.getProperty("bench.app.options", "");
        if (!options.isBlank()) {
            builder.environment().put("JAVA_OPTS", options.trim());
        }
        Process app = builder.start();
        // the raw responder in a process of its own too, like the raw main of the start-up case: a responder inside
        // this process would answer without the switches between processes that the app's answers pay
        Process raw = new ProcessBuilder(javaCommand, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                RawPahoResponder.class.getName(), url).redirectErrorStream(true)
                .redirectOutput(work.resolve("rtt-raw-" + run + ".log").toFile()).start();
        try {
            return roundTrips();
        } finally {
            for (Process process : List.of(app, raw)) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static final String RAW = RawPahoResponder.PREFIX;

    /** Published on {@code $creq/<n>} and on {@code raw/$creq/<n>} in turn, each timed until its answer arrives. */
    private double[][] roundTrips() throws Exception {
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        MqttClient platform = new MqttClient(url, "bench-platform-" + run++, new MemoryPersistence());
        platform.setCallback(new OnMessage((topic, message) -> replies.add(topic)));
        platform.connect(noDelay());
        platform.subscribe(new String[] {"$crsp/+", RAW + "$crsp/+"}, new int[] {1, 1});
        try {
            // until both answer at all (the app's routes started, the raw responder subscribed)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Set<String> answered = new HashSet<>();
            while (answered.size() < 2) {
                platform.publish("$creq/warm-up", "ping".getBytes(StandardCharsets.UTF_8), 0, false);
                platform.publish(RAW + "$creq/warm-up", "ping".getBytes(StandardCharsets.UTF_8), 0, false);
                String topic = replies.poll(200, TimeUnit.MILLISECONDS);
                if (topic != null) {
                    answered.add(topic);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no answer from " + (answered.isEmpty() ? "either responder"
                            : "one of the responders: only " + answered));
                }
            }
            replies.clear();
            // warm-up commands first, not measured: the figures are those of a device that has been running
            commands(platform, replies, "warm-up-", WARM_UP_COMMANDS, new long[2][WARM_UP_COMMANDS]);
            long[][] startedAt = new long[2][COMMANDS];
            double[][] millis = commands(platform, replies, "rtt-", COMMANDS, startedAt);
            trace(startedAt, millis);
            Arrays.sort(millis[0]);
            Arrays.sort(millis[1]);
            return millis;
        } finally {
            platform.disconnect();
            platform.close();
        }
    }

    /**
     * {@code -Dbench.rtt.trace=true}: each measured command's start (epoch milliseconds) and round trip, for the app
     * and the raw responder, one file per run in the work directory, to lay beside a flight recording of the app and
     * see what the slow ones met.
     */
    private void trace(long[][] startedAt, double[][] millis) throws Exception {
        if (!Boolean.getBoolean("bench.rtt.trace")) {
            return;
        }
        StringBuilder lines = new StringBuilder("responder,started_epoch_ms,round_trip_ms\n");
        for (int responder = 0; responder < 2; responder++) {
            for (int i = 0; i < millis[responder].length; i++) {
                lines.append(responder == 0 ? "app" : "raw").append(',').append(startedAt[responder][i]).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.3f", millis[responder][i])).append('\n');
            }
        }
        Path file = work.resolve("rtt-trace-" + run + ".csv");
        Files.writeString(file, lines);
        System.out.println("  round trips traced in " + file);
    }

    /** {@code count} commands to each responder, in turn: app, raw, app, raw. */
    private static double[][] commands(MqttClient platform, BlockingQueue<String> replies, String prefix, int count,
                                       long[][] startedAt) throws Exception {
        double[][] millis = new double[2][count];
        for (int i = 0; i < count; i++) {
            for (int responder = 0; responder < 2; responder++) {
                String base = responder == 0 ? "" : RAW;
                String id = prefix + i;
                startedAt[responder][i] = System.currentTimeMillis();
                long start = System.nanoTime();
                platform.publish(base + "$creq/" + id, ("command " + i).getBytes(StandardCharsets.UTF_8), 0, false);
                String expected = base + "$crsp/" + id;
                String topic;
                do {
                    topic = replies.poll(10, TimeUnit.SECONDS);
                    if (topic == null) {
                        throw new IllegalStateException("no answer to " + base + id);
                    }
                } while (!topic.equals(expected));
                millis[responder][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private Map<String, String> appEnvironment(String uplinkPeriod) {
        String name = "app-" + run++;
        Map<String, String> environment = new HashMap<>();
        environment.put("ONENET_EMULATOR_ENABLED", "false");
        environment.put("ONENET_BROKER_URL", url);
        environment.put("ONENET_UPLINK_PERIOD", uplinkPeriod);
        environment.put("ONENET_BUFFER_DIR", work.resolve(name + "-buffer").toString());
        environment.put("ONENET_DOWNLINK_DIR", work.resolve(name + "-commands").toString());
        environment.put("ONENET_DEAD_LETTER_DIR", work.resolve(name + "-dead").toString());
        return environment;
    }

    static MqttConnectOptions noDelay() {
        MqttConnectOptions options = Subscriber.options();
        options.setSocketFactory(new NoDelaySocketFactory());
        return options;
    }

    /**
     * VmRSS of the process and every process under it, in MiB: the launcher stays the JVM's parent while it may make
     * or use a class-data-sharing archive, and what a user's machine pays is both.
     */
    private static double rssMib(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long kib = 0;
        for (ProcessHandle handle : java.util.stream.Stream.concat(java.util.stream.Stream.of(process),
                process.descendants()).toList()) {
            kib += Files.readAllLines(Path.of("/proc/" + handle.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0);
        }
        return kib / 1024.0;
    }

    static double percentile(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    }
}
