package io.camelonenet.fault;

import io.camelonenet.emulator.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill the broker, kill the app: every datapoint still arrives. The app and the broker (the emulator, which journals
 * each frame before its PUBACK) run as processes of their own and are killed with SIGKILL.
 */
class UplinkFaultIT {

    /** Messages the forwarder keeps in flight: what one lost connection can leave unconfirmed. */
    private static final int FORWARDER_WINDOW = 100;
    private static final int BROKER_KILLS = 5;

    @TempDir
    Path workDir;

    @Test
    void should_deliver_every_datapoint_while_the_broker_is_killed_and_restarted_five_times() throws Exception {
        int readings = 5000;
        int port = FreePort.onLoopback();
        Path journal = workDir.resolve("journal.jsonl");
        Path log = workDir.resolve("run.log");
        String routes = Faults.routes(workDir.resolve("routes"), Faults.readings(readings));
        long started = System.nanoTime();
        Jvm broker = Jvm.emulator(log, port, journal);
        try (Jvm app = Jvm.app(log, Faults.appEnvironment(workDir, port, routes))) {
            for (int kill = 1; kill <= BROKER_KILLS; kill++) {
                int progress = kill * readings / 7;
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> Faults.journaledSeqs(journal).size() >= progress);
                broker.kill();
                broker = Jvm.emulator(log, port, journal);
            }
            await().atMost(Duration.ofSeconds(180)).until(() -> distinct(Faults.journaledSeqs(journal)) == readings);
            assertThat(app.alive()).isTrue();
            app.stop();
        } finally {
            broker.close();
        }
        List<Long> seqs = Faults.journaledSeqs(journal);
        assertThat(seqs).containsAll(range(readings));
        // A kill loses the PUBACKs of what the broker had journaled: those go again, and the app counts each one.
        // It counts every message that was in flight when a connection died, so at most one window per lost
        // connection (one per kill, unless a reconnect met the broker still starting).
        long duplicates = seqs.size() - distinct(seqs);
        long counted = countedPossibleDuplicates(log);
        long losses = Files.readString(log).lines().filter(line -> line.contains("lost its connection")).count();
        assertThat(losses).isGreaterThanOrEqualTo(BROKER_KILLS);
        assertThat(duplicates).isLessThanOrEqualTo(losses * FORWARDER_WINDOW);
        assertThat(counted).as("possible duplicates counted by the app, against %d real ones", duplicates)
                .isBetween(duplicates, losses * FORWARDER_WINDOW);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("readings", readings);
        figures.put("broker SIGKILLs", BROKER_KILLS);
        figures.put("delivered", distinct(seqs));
        figures.put("lost", readings - distinct(seqs));
        figures.put("duplicates", duplicates);
        figures.put("counted as possible duplicates by the app", counted);
        figures.put("connections lost", losses);
        figures.put("bound on that count (connections lost x window)", losses * FORWARDER_WINDOW);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000);
        Faults.figures("broker-killed-5-times", figures);
    }

    @Test
    void should_deliver_what_was_buffered_when_the_app_was_killed_while_the_broker_was_down() throws Exception {
        int readings = 1000;
        int port = FreePort.onLoopback();
        Path journal = workDir.resolve("journal.jsonl");
        Path log = workDir.resolve("run.log");
        String firstRun = Faults.routes(workDir.resolve("routes-1"), Faults.readings(readings));
        try (Jvm app = Jvm.app(log, Faults.appEnvironment(workDir, port, firstRun))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> buffered(workDir) == readings);
            app.kill();
        }
        String secondRun = Faults.routes(workDir.resolve("routes-2"), Faults.noReadings());
        try (Jvm broker = Jvm.emulator(log, port, journal);
             Jvm app = Jvm.app(log, Faults.appEnvironment(workDir, port, secondRun))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> distinct(Faults.journaledSeqs(journal)) == readings);
            app.stop();
        }
        List<Long> seqs = Faults.journaledSeqs(journal);
        assertThat(seqs).containsExactlyElementsOf(range(readings));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("buffered when the app was SIGKILLed", readings);
        figures.put("delivered after restart", distinct(seqs));
        figures.put("lost", readings - distinct(seqs));
        figures.put("duplicates", seqs.size() - distinct(seqs));
        Faults.figures("app-killed-while-offline", figures);
    }

    @Test
    void should_connect_and_deliver_when_the_broker_appears_30_seconds_after_the_app() throws Exception {
        int readings = 300;
        int port = FreePort.onLoopback();
        Path journal = workDir.resolve("journal.jsonl");
        Path log = workDir.resolve("run.log");
        String routes = Faults.routes(workDir.resolve("routes"), Faults.readings(readings));
        try (Jvm app = Jvm.app(log, Faults.appEnvironment(workDir, port, routes))) {
            // the outage itself: the broker stays away for 30 s while the app runs and buffers
            await().pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(31)).until(app::alive);
            assertThat(Files.readString(log)).contains("cannot log in");
            long brokerStarted = System.nanoTime();
            try (Jvm broker = Jvm.emulator(log, port, journal)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> distinct(Faults.journaledSeqs(journal)) == readings);
            }
            long seconds = (System.nanoTime() - brokerStarted) / 1_000_000_000;
            app.stop();
            List<Long> seqs = Faults.journaledSeqs(journal);
            assertThat(seqs).containsAll(range(readings));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("readings", readings);
            figures.put("broker away for", "30 s");
            figures.put("delivered", distinct(seqs));
            figures.put("lost", readings - distinct(seqs));
            figures.put("seconds from the broker's start to the last reading (broker start-up included)", seconds);
            Faults.figures("broker-late", figures);
        }
    }

    /** The app's own count, from the counters it logs at shutdown. */
    private static long countedPossibleDuplicates(Path log) throws IOException {
        Matcher counted = Pattern.compile("possible duplicates=(\\d+)")
                .matcher(Files.readString(log));
        long last = -1;
        while (counted.find()) {
            last = Long.parseLong(counted.group(1));
        }
        assertThat(last).as("the app logged its counters at shutdown").isGreaterThanOrEqualTo(0);
        return last;
    }

    private static long buffered(Path workDir) {
        Path db = workDir.resolve("buffer").resolve("uplink.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             ResultSet count = sqlite.createStatement().executeQuery("SELECT COUNT(*) FROM uplink")) {
            return count.next() ? count.getLong(1) : 0;
        } catch (Exception busy) {
            return 0;
        }
    }

    private static long distinct(List<Long> seqs) {
        return seqs.stream().distinct().count();
    }

    private static List<Long> range(int readings) {
        return java.util.stream.LongStream.rangeClosed(1, readings).boxed().toList();
    }
}
