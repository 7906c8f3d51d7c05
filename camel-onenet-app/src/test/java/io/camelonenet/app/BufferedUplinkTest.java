package io.camelonenet.app;

import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing lost: readings wait in the durable buffer through broker outages and app restarts, and arrive in order. */
class BufferedUplinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void should_deliver_readings_taken_while_the_broker_was_down_across_an_app_restart_in_order() throws Exception {
        int port = FreePort.onLoopback();
        Map<String, String> properties = properties(port);
        long buffered;
        try (RunningApp app = RunningApp.start(properties, context -> { })) {
            UplinkBuffer buffer = app.context().getRegistry().lookupByNameAndType("uplinkBuffer", UplinkBuffer.class);
            await().atMost(WAIT).until(() -> buffer.count() >= 10);
            buffered = buffer.count();
        }

        try (OneNetEmulator onenet = emulator(port);
             RunningApp app = RunningApp.start(properties, context -> { })) {
            await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= buffered + 3);

            List<Long> seqs = seqs(onenet.record().uploads());
            // the first run's readings come first, from seq 1 on, without a gap
            for (int i = 0; i < buffered; i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void should_lose_nothing_when_the_broker_restarts_while_readings_flow() throws Exception {
        int port = FreePort.onLoopback();
        List<UploadedDatapoints> received = new ArrayList<>();
        try (RunningApp app = RunningApp.start(properties(port), context -> { })) {
            OneNetEmulator first = emulator(port);
            try (first) {
                await().atMost(WAIT).until(() -> first.record().uploads().size() >= 5);
            }
            // read each record after its broker stopped: uploads acknowledged until the last moment count too
            received.addAll(first.record().uploads());
            OneNetEmulator second = emulator(port);
            try (second) {
                await().atMost(WAIT).until(() -> second.record().uploads().size() >= 20);
            }
            received.addAll(second.record().uploads());
        }

        List<Long> seqs = seqs(received);
        // At least once and in order: every seq from 1 on arrived, none skipped, first arrivals in order. What the
        // first broker had taken but not acknowledged when it stopped goes again to the second: a repeat is always
        // of a seq that arrived before.
        List<Long> firstArrivals = seqs.stream().distinct().toList();
        assertThat(firstArrivals).isEqualTo(LongStream.rangeClosed(1, firstArrivals.size()).boxed().toList());
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) < seqs.get(i - 1)) {
                assertThat(seqs.subList(0, i)).as("a repeat of an earlier arrival").contains(seqs.get(i));
            }
        }
    }

    @Test
    void should_apply_the_full_policy_with_exact_counts_and_keep_running() throws Exception {
        for (String policy : new String[] {"refuse-new", "drop-oldest"}) {
            Map<String, String> properties = properties(FreePort.onLoopback());
            properties.put("onenet.buffer.policy", policy);
            properties.put("onenet.buffer.max-bytes", "1000");
            properties.put("onenet.buffer.dir", workDir.resolve("buffer-" + policy).toString());
            UplinkBuffer buffer;
            io.camelonenet.health.DeviceCounters counters;
            try (RunningApp app = RunningApp.start(properties, context -> { })) {
                buffer = app.context().getRegistry().lookupByNameAndType("uplinkBuffer", UplinkBuffer.class);
                counters = app.context().getRegistry().lookupByNameAndType("deviceCounters",
                        io.camelonenet.health.DeviceCounters.class);
                await().atMost(WAIT).until(() -> buffer.counters().dropped() >= 10);
                assertThat(app.context().getRouteController().getRouteStatus("onenet-uplink").isStarted()).isTrue();
            }
            long produced = counters.snapshot().get("produced");
            assertThat(buffer.bytes()).as(policy).isLessThanOrEqualTo(1000);
            if (policy.equals("refuse-new")) {
                // every reading was either stored or refused, and the stored ones are the first ones
                assertThat(buffer.counters().stored() + buffer.counters().dropped()).as(policy).isEqualTo(produced);
            } else {
                // every reading was stored; the oldest made room for the newest
                assertThat(buffer.counters().stored()).as(policy).isEqualTo(produced);
                assertThat(buffer.count() + buffer.counters().dropped()).as(policy).isEqualTo(produced);
            }
        }
    }

    private Map<String, String> properties(int port) {
        Map<String, String> properties = RunningApp.properties(null, workDir);
        properties.put("onenet.broker-url", "tcp://127.0.0.1:" + port);
        properties.put("onenet.uplink.period", "100");
        properties.put("onenet.reconnect.max-delay", "1000");
        return properties;
    }

    private static OneNetEmulator emulator(int port) {
        return OneNetEmulator.builder().port(port).device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH)
                .build().start();
    }

    private static List<Long> seqs(List<UploadedDatapoints> uploads) {
        return uploads.stream()
                .map(upload -> upload.datapoints().stream().filter(point -> point.streamId().equals("seq"))
                        .findFirst().orElseThrow().value().toString())
                .map(Long::parseLong).toList();
    }
}
