package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.OtaTaskRecord;
import io.camelonenet.ota.FirmwareUpgrades;
import io.camelonenet.ota.OtaStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Firmware upgrades of a current-platform device against the emulator's OTA API: a package downloaded, its MD5
 * checked, handed to the route, 201 and the new version reported; a wrong MD5 reported 205 and nothing handed on; a
 * route's failure reported with its code; a task cancelled mid-download stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioOtaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PRODUCT = StudioRoutesTest.PRODUCT;
    private static final String DEVICE = StudioRoutesTest.DEVICE;
    /** Slow enough to cancel a large package mid-download, quick for a small one. */
    private static final long BYTES_PER_SECOND = 512 * 1024;

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static RunningApp app;
    /** What reached the firmware route: "device version file-length". */
    private static final List<String> handedOn = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        onenet = OneNetEmulator.builder().studioDevice(PRODUCT, DEVICE, StudioRoutesTest.KEY)
                .otaBytesPerSecond(BYTES_PER_SECOND).build().start();
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.protocol", "studio");
        properties.put("onenet.product-id", PRODUCT);
        properties.put("onenet.device-name", DEVICE);
        properties.put("onenet.device-key", StudioRoutesTest.KEY);
        properties.put("onenet.ota.enabled", "true");
        properties.put("onenet.ota.api-url", onenet.otaUrl());
        properties.put("onenet.ota.dir", workDir.resolve("ota").toString());
        properties.put("onenet.ota.check-interval", "300");
        // the bundled firmware route is replaced by one that fails where the test asks it to
        properties.put("camel.main.routes-include-pattern",
                "file:routes/common/errors.camel.yaml,file:routes/common/points.camel.yaml,file:routes/studio/*.camel.yaml");
        app = RunningApp.start(properties, context -> {
            try {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:onenet-firmware").routeId("test-firmware")
                                .process(exchange -> {
                                    String version = exchange.getMessage().getHeader("OneNetFirmwareVersion",
                                            String.class);
                                    File file = exchange.getMessage().getBody(File.class);
                                    handedOn.add(exchange.getMessage().getHeader("OneNetDeviceId") + " " + version
                                            + " " + file.length());
                                    if (version.equals("1.3")) {
                                        throw new IllegalStateException("the field device refused the image");
                                    }
                                    if (version.equals("1.4")) {
                                        exchange.getMessage().setHeader("OneNetFirmwareStep", 202);
                                    }
                                });
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        onenet.close();
    }

    @Test
    @Order(1)
    void a_package_is_downloaded_checked_handed_on_and_reported_upgraded_with_the_new_version() throws Exception {
        byte[] firmware = firmware(300 * 1024, 1);
        long tid = onenet.createOtaTask(PRODUCT, DEVICE, "1.1", firmware);

        await().atMost(WAIT).until(() -> onenet.otaTask(tid).status() == 4);

        OtaTaskRecord task = onenet.otaTask(tid);
        List<Integer> progress = task.steps().subList(0, task.steps().size() - 2);
        assertThat(progress).as("progress at most every 10 %%").isSorted().doesNotHaveDuplicates()
                .allMatch(step -> step % 10 == 0 && step > 0 && step < 100);
        assertThat(task.steps().subList(task.steps().size() - 2, task.steps().size())).containsExactly(100, 201);
        assertThat(Files.readAllBytes(workDir.resolve("ota").resolve(DEVICE).resolve("1.1"))).isEqualTo(firmware);
        assertThat(handedOn).containsExactly(DEVICE + " 1.1 " + firmware.length);
        await().atMost(WAIT).until(() -> "1.1".equals(onenet.otaVersion(PRODUCT, DEVICE)));
        await().atMost(WAIT).until(() -> status().state() == OtaStatus.State.IDLE);
        assertThat(status().version()).isEqualTo("1.1");
        HealthCheck.Result readiness = app.check("onenet-ota");
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(readiness.getDetails()).containsEntry(DEVICE + ".version", "1.1");
    }

    @Test
    @Order(2)
    void a_package_whose_md5_is_not_the_tasks_is_reported_205_and_not_handed_on() {
        byte[] firmware = firmware(100 * 1024, 2);
        long tid = onenet.createOtaTaskWithMd5(PRODUCT, DEVICE, "1.2", firmware, "0123456789abcdef0123456789abcdef");

        await().atMost(WAIT).until(() -> onenet.otaTask(tid).status() == 5);

        assertThat(onenet.otaTask(tid).steps()).last().isEqualTo(205);
        assertThat(onenet.otaTask(tid).steps()).doesNotContain(100);
        assertThat(handedOn).noneMatch(line -> line.contains(" 1.2 "));
        assertThat(workDir.resolve("ota").resolve(DEVICE).resolve("1.2")).doesNotExist();
        assertThat(status().version()).isEqualTo("1.1");
    }

    @Test
    @Order(3)
    void a_failing_route_is_reported_with_its_code_and_the_version_stays() {
        long failing = onenet.createOtaTask(PRODUCT, DEVICE, "1.3", firmware(50 * 1024, 3));
        await().atMost(WAIT).until(() -> onenet.otaTask(failing).status() == 5);
        long lowBattery = onenet.createOtaTask(PRODUCT, DEVICE, "1.4", firmware(50 * 1024, 4));
        await().atMost(WAIT).until(() -> onenet.otaTask(lowBattery).status() == 5);

        assertThat(onenet.otaTask(failing).steps()).endsWith(100, 206);
        assertThat(onenet.otaTask(lowBattery).steps()).endsWith(100, 202);
        assertThat(handedOn).anyMatch(line -> line.contains(" 1.3 ")).anyMatch(line -> line.contains(" 1.4 "));
        assertThat(onenet.otaVersion(PRODUCT, DEVICE)).isEqualTo("1.1");
    }

    @Test
    @Order(4)
    void a_task_cancelled_on_the_platform_mid_download_stops_the_download() {
        int size = 4 * 1024 * 1024;
        long tid = onenet.createOtaTask(PRODUCT, DEVICE, "2.0", firmware(size, 5));
        await().atMost(WAIT).until(() -> onenet.otaTask(tid).steps().contains(20));

        onenet.cancelOtaTask(tid);

        await().atMost(WAIT).until(() -> status().state() == OtaStatus.State.CANCELLED
                || status().state() == OtaStatus.State.IDLE);
        long served = onenet.otaTask(tid).bytesServed();
        assertThat(served).as("the download stopped before the end").isLessThan(size);
        assertThat(handedOn).noneMatch(line -> line.contains(" 2.0 "));
        await().atMost(WAIT).untilAsserted(() -> assertThat(parts()).isEmpty());
        assertThat(onenet.otaTask(tid).status()).isEqualTo(6);
    }

    private static List<Path> parts() throws Exception {
        try (var files = Files.list(workDir.resolve("ota").resolve(DEVICE))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static OtaStatus status() {
        return app.context().getRegistry().lookupByNameAndType("firmwareUpgrades", FirmwareUpgrades.class)
                .statuses().get(0);
    }

    static byte[] firmware(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
