package io.camelonenet.fault;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The faults found by probing the app as an attacker and a fault injector would, each against the packaged app in its
 * own process (-Xmx64m): a burst of commands, an oversized packet, a full disk, a broker that comes back, a stop while
 * offline. Each writes its figures into docs/reliability.md.
 */
class HardeningFaultIT {

    @TempDir
    Path workDir;

    @Test
    void should_answer_or_refuse_a_burst_of_2000_commands_while_the_uplink_keeps_delivering() throws Exception {
        int commands = 2000;
        Path log = workDir.resolve("app.log");
        try (OneNetEmulator onenet = emulator();
             Jvm app = Jvm.app(log, environment(onenet.port(), "100"))) {
            awaitUploads(onenet, 5);
            Instant burst = Instant.now();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                ids.add(onenet.pushCommand(Faults.DEVICE, "{\"burst\":" + i + "}"));
            }
            Instant pushed = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered(onenet, ids) + refused(log) >= commands);
            long settledMillis = Duration.between(burst, Instant.now()).toMillis();
            // the uplink keeps going through the burst and after it
            Instant end = Instant.now().plusSeconds(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastUpload(onenet).isAfter(end));
            long largestGap = largestGap(onenet, burst, end);
            app.stop();

            long answered = answered(onenet, ids);
            long refused = refused(log);
            assertThat(answered + refused).as("every command answered or refused and counted").isEqualTo(commands);
            assertThat(largestGap).as("largest gap between uploads during the burst, ms").isLessThanOrEqualTo(2000);
            assertThat(counter(log, "commandsRefused")).isEqualTo(refused);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("commands in the burst", commands);
            figures.put("pushed in (ms)", Duration.between(burst, pushed).toMillis());
            figures.put("answered", answered);
            figures.put("refused (hand-off queue of 1,000 full) and counted", refused);
            figures.put("all answered or refused after (ms)", settledMillis);
            figures.put("largest gap between uploads meanwhile (ms)", largestGap);
            Faults.figures("command-burst", figures);
        }
    }

    @Test
    void should_drop_the_connection_on_a_64_mb_command_before_reading_it_and_come_back() throws Exception {
        Path log = workDir.resolve("app.log");
        try (OneNetEmulator onenet = emulator();
             Jvm app = Jvm.app(log, environment(onenet.port(), "100"))) {
            awaitUploads(onenet, 3);
            int loginsBefore = onenet.record().logins(Faults.DEVICE).size();
            Instant pushed = Instant.now();
            onenet.pushOnTopic(Faults.DEVICE, "$creq/huge", new byte[64 << 20]);

            await().atMost(Duration.ofSeconds(5)).until(() -> onenet.record().logins(Faults.DEVICE).size() > loginsBefore);
            Instant back = onenet.record().logins(Faults.DEVICE).get(loginsBefore);
            awaitUploadAfter(onenet, back);
            String output = Files.readString(log);
            String refusal = output.lines().filter(line -> line.contains("Inbound MQTT packet of")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ERROR line about the oversized packet"));
            assertThat(refusal).contains("ERROR").contains("over the limit of 131075 bytes");
            assertThat(output).doesNotContain("OutOfMemoryError");
            assertThat(app.alive()).isTrue();
            List<Long> seqs = onenet.record().uploads().stream()
                    .map(upload -> Long.parseLong(upload.datapoints().get(2).value().toString())).distinct().sorted()
                    .toList();
            assertThat(seqs).as("every reading up to the last one arrived").hasSize(seqs.get(seqs.size() - 1).intValue());
            app.stop();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("command", "64 MiB");
            figures.put("app heap", "-Xmx64m");
            figures.put("logged", refusal.substring(refusal.indexOf("Inbound")));
            figures.put("logged in again after (ms)", Duration.between(pushed, back).toMillis());
            figures.put("OutOfMemoryError", "none");
            Faults.figures("oversized-command", figures);
        }
    }

    @Test
    void should_count_every_reading_a_full_disk_could_not_store() throws Exception {
        Path disk = Files.createDirectories(workDir.resolve("small-disk"));
        Tmpfs tmpfs = Tmpfs.mount(disk, "size=1m");
        try {
            Path log = workDir.resolve("app.log");
            Map<String, String> environment = environment(Faults.freePort(), "10");
            environment.put("ONENET_BUFFER_DIR", disk.resolve("buffer").toString());
            try (Jvm app = Jvm.app(log, environment)) {
                // the broker is away: every reading stays in the buffer until the disk is full
                await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(log).lines()
                        .filter(line -> line.contains("Reading not stored")).count() >= 50);
                app.stop();
            }
            String output = Files.readString(log);
            long produced = counter(output, "produced");
            long stored = counter(output, "stored");
            long dropped = counter(output, "dropped");
            assertThat(dropped).isPositive();
            assertThat(stored + dropped).as("stored %d + dropped %d = produced %d", stored, dropped, produced)
                    .isEqualTo(produced);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("buffer on a 1 MiB tmpfs", "broker away, a reading every 10 ms");
            figures.put("produced", produced);
            figures.put("stored", stored);
            figures.put("dropped and counted", dropped);
            figures.put("not accounted for", produced - stored - dropped);
            Faults.figures("full-disk", figures);
        } finally {
            tmpfs.unmount();
        }
    }

    @Test
    void should_run_and_count_every_reading_with_a_read_only_buffer_directory() throws Exception {
        Path disk = Files.createDirectories(workDir.resolve("read-only-disk"));
        Tmpfs tmpfs = Tmpfs.mount(disk, "ro,size=1m");
        try {
            Path log = workDir.resolve("app.log");
            Map<String, String> environment = environment(Faults.freePort(), "10");
            environment.put("ONENET_BUFFER_DIR", disk.toString());
            try (Jvm app = Jvm.app(log, environment)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).lines()
                        .filter(line -> line.contains("Reading not stored")).count() >= 20);
                assertThat(app.alive()).isTrue();
                app.stop();
            }
            String output = Files.readString(log);
            assertThat(output).contains("ERROR").contains("Uplink buffer unavailable: cannot open");
            long produced = counter(output, "produced");
            long dropped = counter(output, "dropped");
            assertThat(dropped).as("every reading refused and counted").isEqualTo(produced);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("buffer directory", "a read-only tmpfs");
            figures.put("produced", produced);
            figures.put("dropped and counted", dropped);
            Faults.figures("read-only-disk", figures);
        } finally {
            tmpfs.unmount();
        }
    }

    @Test
    void should_send_the_first_buffered_reading_within_a_second_of_the_reconnect() throws Exception {
        int port = Faults.freePort();
        Path log = workDir.resolve("app.log");
        try (Jvm app = Jvm.app(log, environment(port, "100"))) {
            // offline long enough for the forwarder's backoff to reach its longest wait (5 s)
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("cannot log in"));
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(app::alive);
            try (OneNetEmulator onenet = OneNetEmulator.builder().port(port)
                    .device(Faults.DEVICE, Faults.PRODUCT, Faults.AUTH).build().start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !onenet.record().uploads().isEmpty());
                Instant login = onenet.record().logins(Faults.DEVICE).get(0);
                Instant first = onenet.record().uploads().get(0).receivedAt();
                long millis = Duration.between(login, first).toMillis();
                assertThat(millis).as("first buffered reading after the login, ms").isLessThanOrEqualTo(1000);
                app.stop();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("offline for", "about 10 s");
                figures.put("first buffered reading at the broker after the login (ms)", millis);
                Faults.figures("reconnect", figures);
            }
        }
    }

    @Test
    void should_stop_within_a_second_of_sigterm_while_offline() throws Exception {
        Path log = workDir.resolve("app.log");
        try (Jvm app = Jvm.app(log, environment(Faults.freePort(), "100"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("cannot log in"));
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(app::alive);
            long started = System.nanoTime();
            app.stop();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(app.alive()).isFalse();
            assertThat(Files.readString(log)).contains("is shutdown");
            assertThat(millis).as("SIGTERM to exit while offline, ms").isLessThanOrEqualTo(1000);
            long emulatorMillis = emulatorStopMillis();
            assertThat(emulatorMillis).as("SIGTERM to exit of the standalone emulator, ms").isLessThanOrEqualTo(1000);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("SIGTERM to exit of the app while offline (ms)", millis);
            figures.put("SIGTERM to exit of the standalone emulator (ms)", emulatorMillis);
            Faults.figures("stop-offline", figures);
        }
    }

    private long emulatorStopMillis() throws Exception {
        try (Jvm emulator = Jvm.emulator(workDir.resolve("emulator.log"), Faults.freePort(),
                workDir.resolve("journal.jsonl"))) {
            long started = System.nanoTime();
            emulator.stop();
            assertThat(emulator.alive()).isFalse();
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static OneNetEmulator emulator() {
        return OneNetEmulator.builder().device(Faults.DEVICE, Faults.PRODUCT, Faults.AUTH).build().start();
    }

    private Map<String, String> environment(int port, String period) throws IOException {
        Map<String, String> environment = Faults.appEnvironment(workDir, port,
                Faults.routes(workDir.resolve("routes"), yaml -> yaml));
        environment.put("ONENET_UPLINK_PERIOD", period);
        return environment;
    }

    private static void awaitUploads(OneNetEmulator onenet, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> onenet.record().uploads().size() >= count);
    }

    private static void awaitUploadAfter(OneNetEmulator onenet, Instant time) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lastUpload(onenet).isAfter(time));
    }

    private static Instant lastUpload(OneNetEmulator onenet) {
        List<UploadedDatapoints> uploads = onenet.record().uploads();
        return uploads.isEmpty() ? Instant.EPOCH : uploads.get(uploads.size() - 1).receivedAt();
    }

    private static long largestGap(OneNetEmulator onenet, Instant from, Instant to) {
        Instant previous = from;
        long largest = 0;
        for (UploadedDatapoints upload : onenet.record().uploads()) {
            if (upload.receivedAt().isBefore(from) || upload.receivedAt().isAfter(to)) {
                continue;
            }
            largest = Math.max(largest, Duration.between(previous, upload.receivedAt()).toMillis());
            previous = upload.receivedAt();
        }
        return Math.max(largest, Duration.between(previous, to).toMillis());
    }

    private static long answered(OneNetEmulator onenet, List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        return onenet.record().replies().stream().filter(reply -> wanted.contains(reply.commandId()))
                .map(reply -> reply.commandId()).distinct().count();
    }

    private static long refused(Path log) throws IOException {
        return Files.readString(log).lines().filter(line -> line.contains("hand-off queue is full")).count();
    }

    private static long counter(Path log, String name) throws IOException {
        return counter(Files.readString(log), name);
    }

    /** The last value of a counter the app logged at shutdown ({@code name=value}). */
    private static long counter(String output, String name) {
        Matcher matcher = Pattern.compile("\\b" + Pattern.quote(name) + "=(\\d+)").matcher(output);
        long last = -1;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        assertThat(last).as("the app logged %s at shutdown", name).isGreaterThanOrEqualTo(0);
        return last;
    }

    /** A small tmpfs, mounted for the test (as root, which this machine and CI are). */
    private record Tmpfs(Path dir) {

        static Tmpfs mount(Path dir, String options) throws Exception {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(mount.waitFor()).as("mount a tmpfs (needs root): %s", output).isZero();
            return new Tmpfs(dir);
        }

        void unmount() throws Exception {
            new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
