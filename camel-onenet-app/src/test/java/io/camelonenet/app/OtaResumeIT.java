package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.OtaTaskRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app SIGKILLed in the middle of a firmware download: after the restart the download resumes from the
 * bytes already on disk (its Range starts there), the package is complete and its MD5 matches, and the upgrade is
 * reported. The token is in neither run's log.
 */
class OtaResumeIT {

    private static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void a_download_interrupted_by_a_sigkill_resumes_where_it_stopped() throws Exception {
        byte[] firmware = StudioOtaTest.firmware(SIZE, 11);
        Path ota = work.resolve("ota");
        try (OneNetEmulator onenet = OneNetEmulator.builder()
                .studioDevice(StudioRoutesTest.PRODUCT, StudioRoutesTest.DEVICE, StudioRoutesTest.KEY)
                .otaBytesPerSecond(256 * 1024).build().start()) {
            long tid = onenet.createOtaTask(StudioRoutesTest.PRODUCT, StudioRoutesTest.DEVICE, "5.0", firmware);
            Map<String, String> environment = new HashMap<>();
            environment.put("ONENET_PROTOCOL", "studio");
            environment.put("ONENET_PRODUCT_ID", StudioRoutesTest.PRODUCT);
            environment.put("ONENET_DEVICE_NAME", StudioRoutesTest.DEVICE);
            environment.put("ONENET_DEVICE_KEY", StudioRoutesTest.KEY);
            environment.put("ONENET_BROKER_URL", onenet.brokerUrl());
            environment.put("ONENET_EMULATOR_ENABLED", "false");
            environment.put("ONENET_OTA_ENABLED", "true");
            environment.put("ONENET_OTA_API_URL", onenet.otaUrl());
            environment.put("ONENET_OTA_DIR", ota.toString());
            environment.put("ONENET_BUFFER_DIR", work.resolve("buffer").toString());
            environment.put("ONENET_DOWNLINK_DIR", work.resolve("commands").toString());
            environment.put("ONENET_DEAD_LETTER_DIR", work.resolve("dead-letter").toString());

            Process first = PackagedApp.start(work.resolve("first.log"), environment);
            long kept;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> part(ota).map(OtaResumeIT::size).orElse(0L)
                        > SIZE / 4);
            } finally {
                first.destroyForcibly();
                first.waitFor(10, TimeUnit.SECONDS);
            }
            kept = part(ota).map(OtaResumeIT::size).orElseThrow();
            assertThat(kept).as("part of the package on disk").isBetween((long) SIZE / 4, (long) SIZE - 1);

            // the second run logs at DEBUG, as an operator looking into it would: still no token
            environment.put("ONENET_LOG_LEVEL", "debug");
            Process second = PackagedApp.start(work.resolve("second.log"), environment);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> onenet.otaTask(tid).status() == 4);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            OtaTaskRecord task = onenet.otaTask(tid);
            assertThat(task.downloadStarts()).as("the second run's Range starts at what the first kept")
                    .hasSize(2).element(1).isEqualTo(kept);
            assertThat(task.steps()).endsWith(100, 201);
            assertThat(Files.readAllBytes(ota.resolve(StudioRoutesTest.DEVICE).resolve("5.0"))).isEqualTo(firmware);
            assertThat(onenet.otaVersion(StudioRoutesTest.PRODUCT, StudioRoutesTest.DEVICE)).isEqualTo("5.0");
            for (String log : new String[] {"first.log", "second.log"}) {
                assertThat(Files.readString(work.resolve(log))).as(log).doesNotContain("sign=")
                        .doesNotContain(StudioRoutesTest.KEY);
            }
            assertThat(Files.readString(work.resolve("second.log"))).contains("resuming at byte " + kept);
        }
    }

    private static Optional<Path> part(Path ota) {
        Path directory = ota.resolve(StudioRoutesTest.DEVICE);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
