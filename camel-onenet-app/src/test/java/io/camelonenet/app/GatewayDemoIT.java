package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's gateway demo as users type it: {@code ONENET_DEVICES_FILE=examples/gateway/devices.yaml java -jar
 * target/camel-onenet.jar}. The app starts its emulator, which accepts the 100 devices of the shipped file; every one
 * logs in and delivers, and each device's commands land in its own directory.
 */
class GatewayDemoIT {

    @TempDir
    Path work;

    @Test
    void the_shipped_devices_file_runs_as_a_gateway_of_100_devices_against_the_emulator() throws Exception {
        int management = FreePort.onLoopback();
        Process app = startDemo(management, "-Donenet.emulator.command-period=2000");
        try {
            String base = "http://127.0.0.1:" + management + "/observe/";
            await().atMost(Duration.ofSeconds(90)).until(() -> get(base + "health/ready")
                    .contains("\"message\":\"100 of 100 devices online\""));
            // the emulator's demo commands reach every device, each into its own directory
            Path commands = work.resolve("commands");
            await().atMost(Duration.ofSeconds(60)).until(() -> directories(commands) == 100);
            String metrics = get(base + "metrics");
            assertThat(metrics).contains("onenet_readings_published_total{device=\"30000001\"")
                    .contains("onenet_readings_published_total{device=\"30000100\"");
            assertThat(Files.readString(work.resolve("app.log")))
                    .contains("100 of 100 entries write auth-info in the file itself")
                    .doesNotContain("demo-auth-0");
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_gateway_of_more_devices_than_onenet_gateway_device_meters_has_its_meters_summed_without_the_label()
            throws Exception {
        int management = FreePort.onLoopback();
        Process app = startDemo(management, "-Donenet.gateway.device-meters=99");
        try {
            String base = "http://127.0.0.1:" + management + "/observe/";
            await().atMost(Duration.ofSeconds(90)).until(() -> get(base + "health/ready")
                    .contains("\"message\":\"100 of 100 devices online\""));
            // every device delivered: the sum counts more than one reading a device
            await().atMost(Duration.ofSeconds(60)).until(() -> published(get(base + "metrics")) > 200);
            String metrics = get(base + "metrics");
            assertThat(metrics).contains("onenet_buffer_stored_total ").contains("onenet_gateway_devices_online ")
                    .doesNotContain("device=\"").doesNotContain("onenet_device_connected");
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The README's demo: the shipped devices file against the app's own emulator, with {@code option} added. */
    private Process startDemo(int management, String option) throws java.io.IOException {
        return PackagedApp.start(work.resolve("app.log"), Map.of(
                        "ONENET_DEVICES_FILE", "examples/gateway/devices.yaml",
                        "ONENET_EMULATOR_PORT", String.valueOf(FreePort.onLoopback()),
                        "ONENET_UPLINK_PERIOD", "1000",
                        "ONENET_CONNECT_RATE", "200",
                        "ONENET_BUFFER_DIR", work.resolve("buffer").toString(),
                        "ONENET_DOWNLINK_DIR", work.resolve("commands").toString(),
                        "ONENET_DEAD_LETTER_DIR", work.resolve("dead-letter").toString()),
                "-D" + PackagedApp.MANAGEMENT_PORT + "=" + management, option);
    }

    private static double published(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("onenet_readings_published_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static long directories(Path parent) throws java.io.IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        try (var children = Files.list(parent)) {
            return children.filter(Files::isDirectory).count();
        }
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notYetServing) {
            return "";
        }
    }
}
