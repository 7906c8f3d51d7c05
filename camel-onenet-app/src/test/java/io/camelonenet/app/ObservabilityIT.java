package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.AfterEach;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app's health and metrics over HTTP, read with a real HTTP client as monitoring reads them: readiness
 * follows the broker, the readings published rise on /observe/metrics. The readings come from a real Modbus slave by
 * a points file, so that the field sources' meters the dashboard plots are served too.
 */
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEVICE = "observed-1";
    private static final String PRODUCT = "observed-p";
    private static final String AUTH = "observed-auth";
    private static final Pattern PUBLISHED = Pattern.compile(
            "(?m)^onenet_readings_published_total\\{device=\"" + DEVICE + "\"[^}]*} ([0-9.E]+)$");
    private static final Pattern BUFFER_DEPTH = Pattern.compile(
            "(?m)^onenet_buffer_depth_messages\\{device=\"" + DEVICE + "\"[^}]*} ([0-9.E]+)$");

    private static final Path DASHBOARD = Path.of("docs", "grafana", "camel-onenet.json");

    @TempDir
    Path workDir;
    private Process app;
    private ModbusField field;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopApp() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
        if (field != null) {
            field.close();
        }
    }

    @Test
    void should_serve_readiness_that_follows_the_broker_and_metrics_that_count_readings() throws Exception {
        int brokerPort = FreePort.onLoopback();
        int managementPort = FreePort.onLoopback();
        OneNetEmulator onenet = emulator(brokerPort);
        field = ModbusField.start();
        Path points = Files.writeString(workDir.resolve("points.yaml"), """
                sources:
                  - name: meter
                    modbus-tcp: "%s"
                    poll: 200
                    points: [{name: energy, register: holding 0, report: always}]
                """.formatted(field.address()));
        app = PackagedApp.start(workDir.resolve("app.log"), Map.of(
                "ONENET_POINTS_FILE", points.toString(),
                "ONENET_POINTS_STATE_FILE", workDir.resolve("last-reported.json").toString(),
                "ONENET_BROKER_URL", onenet.brokerUrl(),
                "ONENET_DEVICE_ID", DEVICE, "ONENET_PRODUCT_ID", PRODUCT, "ONENET_AUTH_INFO", AUTH,
                "ONENET_BUFFER_DIR", workDir.resolve("buffer").toString(),
                "ONENET_DOWNLINK_DIR", workDir.resolve("commands").toString(),
                "ONENET_DEAD_LETTER_DIR", workDir.resolve("dead-letter").toString()),
                "-D" + PackagedApp.MANAGEMENT_PORT + "=" + managementPort);
        String base = "http://127.0.0.1:" + managementPort + "/observe/";
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> get(base + "health/ready").statusCode() == 200);
            assertThat(get(base + "health/ready").body()).contains("\"UP\"");
            assertThat(get(base + "health/live").statusCode()).isEqualTo(200);

            double before = published(get(base + "metrics").body());
            await().atMost(WAIT).until(() -> published(get(base + "metrics").body()) >= before + 3);
            assertThat(get(base + "metrics").body()).contains("onenet_buffer_depth_messages{device=\"" + DEVICE)
                    .contains("onenet_buffer_oldest_age_seconds{device=\"" + DEVICE)
                    .contains("onenet_device_connected{device=\"" + DEVICE);
            // the status page and its document, read-only, beside health and metrics
            String root = "http://127.0.0.1:" + managementPort;
            HttpResponse<String> page = get(root + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                    assertThat(policy).contains("default-src 'none'").contains("script-src 'self'"));
            assertThat(get(root + "/status.js").statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> get(base + "status").body().contains("\"name\":\"energy\""));
            assertThat(get(base + "status").body()).contains("\"state\":\"CONNECTED\"")
                    .contains("\"id\":\"" + DEVICE + "\"").doesNotContain(AUTH);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "status"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("nothing on the page changes state").isEqualTo(405);
            // every meter the Grafana dashboard plots is served
            String metrics = get(base + "metrics").body();
            Matcher plotted = Pattern.compile("onenet_[a-z_]+").matcher(Files.readString(DASHBOARD));
            while (plotted.find()) {
                assertThat(metrics).as("metric of the dashboard").contains(plotted.group() + "{");
            }
        } finally {
            onenet.close();
        }

        // the broker is away: not ready (503), still alive
        await().atMost(WAIT).until(() -> get(base + "health/ready").statusCode() == 503);
        assertThat(get(base + "health/ready").body()).contains("DOWN");
        assertThat(get(base + "health/live").statusCode()).isEqualTo(200);
        // readings go on being taken and wait in the buffer; none counts as published without a PUBACK
        double beforeAcknowledged = published(get(base + "metrics").body());
        double depth = gauge(get(base + "metrics").body(), BUFFER_DEPTH);
        await().atMost(WAIT).until(() -> gauge(get(base + "metrics").body(), BUFFER_DEPTH) >= depth + 3);
        assertThat(published(get(base + "metrics").body())).isEqualTo(beforeAcknowledged);

        try (OneNetEmulator back = emulator(brokerPort)) {
            await().atMost(WAIT).until(() -> get(base + "health/ready").statusCode() == 200);
            double afterOutage = published(get(base + "metrics").body());
            await().atMost(WAIT).until(() -> published(get(base + "metrics").body()) > afterOutage);
        }
    }

    private static OneNetEmulator emulator(int port) {
        return OneNetEmulator.builder().port(port).device(DEVICE, PRODUCT, AUTH).commandPeriod(Duration.ZERO).build()
                .start();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double published(String metrics) {
        return gauge(metrics, PUBLISHED);
    }

    private static double gauge(String metrics, Pattern meter) {
        Matcher matcher = meter.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
