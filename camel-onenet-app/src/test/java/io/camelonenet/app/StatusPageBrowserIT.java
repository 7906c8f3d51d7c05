package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.ModbusField;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.studio.SubDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page of the packaged app in a real browser (Debian's Chromium, driven by Selenium through Debian's
 * ChromeDriver): a current-platform gateway of 100 sub-devices, one of them refused by the platform, with a Modbus
 * source that reads and one that fails. Every fact is read from the page's DOM as a person sees it; the page then
 * follows the broker going away. The screenshot is kept in target/ (and in docs/ with -Ddocs.update=true).
 */
class StatusPageBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GATEWAY_PRODUCT = "gwProduct01";
    private static final String GATEWAY = "gateway-1";
    private static final String PRODUCT = "subProduct1";
    private static final int SUB_DEVICES = 100;
    private static final SubDevice REFUSED = child(7);
    private static final SubDevice METERED = child(1);
    private static final Path SCREENSHOT = Path.of("target", "status-page.png");
    private static final Path DOCS_SCREENSHOT = Path.of("docs", "status-page.png");

    @TempDir
    Path workDir;
    private Process app;
    private ModbusField field;
    private OneNetEmulator onenet;
    private WebDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
        if (field != null) {
            field.close();
        }
        if (onenet != null) {
            onenet.close();
        }
    }

    @Test
    void the_page_shows_a_gateway_its_sub_devices_points_buffer_and_commands_and_follows_an_outage() throws Exception {
        onenet = emulator();
        field = ModbusField.start().holding(0, 1234);
        int managementPort = FreePort.onLoopback();
        Path devices = Files.writeString(workDir.resolve("sub-devices.yaml"), devicesYaml());
        Path points = Files.writeString(workDir.resolve("points.yaml"), """
                sources:
                  - name: meter
                    modbus-tcp: "%s"
                    product-id: %s
                    device-name: %s
                    poll: 300
                    points: [{name: energy, register: holding 0}]
                  - name: pump
                    modbus-tcp: "127.0.0.1:%d"
                    product-id: %s
                    device-name: %s
                    poll: 300
                    points: [{name: flow, register: holding 0}]
                """.formatted(field.address(), PRODUCT, METERED.deviceName(), FreePort.onLoopback(), PRODUCT,
                child(2).deviceName()));
        app = PackagedApp.start(workDir.resolve("app.log"), Map.of(),
                "-D" + PackagedApp.MANAGEMENT_PORT + "=" + managementPort,
                "-Donenet.broker-url=" + onenet.brokerUrl(),
                "-Donenet.protocol=studio",
                "-Donenet.product-id=" + GATEWAY_PRODUCT,
                "-Donenet.device-name=" + GATEWAY,
                "-Donenet.device-key=" + key(GATEWAY),
                "-Donenet.devices.file=" + devices,
                // the logins of 100 sub-devices at the platform's 1 message a second would take this test's time
                "-Donenet.uplink.max-rate=20",
                "-Donenet.points.file=" + points,
                "-Donenet.points.state-file=" + workDir.resolve("last-reported.json"),
                "-Donenet.buffer.dir=" + workDir.resolve("buffer"),
                "-Donenet.downlink.dir=" + workDir.resolve("commands"),
                "-Donenet.dead-letter.dir=" + workDir.resolve("dead-letter"));
        String base = "http://127.0.0.1:" + managementPort;
        await().atMost(WAIT).ignoreExceptions().until(() -> get(base + "/observe/health/ready").contains("\"UP\""));

        browser = chromium();
        browser.get(base + "/");

        // the connection, the broker and since when
        await().atMost(WAIT).until(() -> text("connection-state").equals("connected"));
        assertThat(byId("connection-state").getDomAttribute("data-state")).isEqualTo("CONNECTED");
        assertThat(text("connection-broker")).isEqualTo(onenet.brokerUrl());
        assertThat(text("connection-since")).isNotEqualTo("–");
        // 100 sub-devices, all on the first page, every one but the refused one logged in
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("devices-summary"))
                .endsWith("(100 in all, 99 online, 1 refused)"));
        assertThat(count("#device-rows tr")).isEqualTo(SUB_DEVICES);
        assertThat(attribute(row(REFUSED), "data-state")).isEqualTo("refused");
        assertThat(read(row(REFUSED) + " td.state")).isEqualTo("refused");
        assertThat(read(row(REFUSED) + " td.problem")).contains("sasToken refused");
        assertThat(read(row(REFUSED) + " td.bound")).isEqualTo("no");
        assertThat(read(row(METERED) + " td.bound")).isEqualTo("yes");
        // the last reading sent, for a sub-device whose readings the platform acknowledged
        await().atMost(WAIT).until(() -> !"–".equals(read(row(METERED) + " td.last")));
        // the filter, on the server: refused ones only
        choose("refused");
        await().atMost(WAIT).until(() -> count("#device-rows tr") == 1);
        assertThat(attribute("#device-rows tr", "data-id")).isEqualTo(REFUSED.key());
        choose("");
        byId("device-filter").sendKeys("child-9");
        // child-9 and child-90 to child-99
        await().atMost(WAIT).until(() -> count("#device-rows tr") == 11);
        byId("device-filter").clear();
        byId("device-filter").sendKeys(" ");
        await().atMost(WAIT).until(() -> count("#device-rows tr") == SUB_DEVICES);

        // the field sources: the meter's point read and reported, the pump failing with its error in words
        String energy = "[data-source='meter'] tr[data-point='energy']";
        await().atMost(WAIT).until(() -> "1234".equals(read(energy + " td.reported")));
        assertThat(read(energy + " td.value")).isEqualTo("1234");
        assertThat(read(energy + " td.reported-at")).isNotEqualTo("–");
        assertThat(read("[data-source='meter'] .last-poll")).startsWith("Last poll: ").doesNotEndWith("–");
        await().atMost(WAIT).until(() -> "true".equals(attribute("[data-source='pump']", "data-failing")));
        assertThat(read("[data-source='pump'] .source-error")).startsWith("· Last error: ");
        // the value changes on the device, and on the page
        field.holding(0, 4321);
        await().atMost(WAIT).until(() -> "4321".equals(read(energy + " td.value")));

        // the buffer
        assertThat(text("buffer-depth")).matches("\\d+");
        assertThat(text("dead-letters")).isEqualTo("0");

        // a command for a sub-device: received and answered
        onenet.setSubDeviceProperties(GATEWAY, child(3), Map.of("setpoint", 5));
        await().atMost(WAIT).until(() -> answered(child(3)));
        assertThat(text("command-totals")).startsWith("1 received, 1 answered");

        // the JSON behind it holds no secret
        String json = get(base + "/observe/status?limit=500");
        assertThat(json).doesNotContain(key(GATEWAY)).doesNotContain(key(REFUSED.deviceName()))
                .doesNotContain(key("not-its-key")).doesNotContain("sig=").doesNotContain("version=2018");

        keepScreenshot();

        // in Chinese, and back
        byId("lang").click();
        assertThat(browser.findElement(By.cssSelector("#connection h2")).getText()).isEqualTo("连接");
        assertThat(read(row(REFUSED) + " td.state")).isEqualTo("被拒绝");
        byId("lang").click();
        assertThat(browser.findElement(By.cssSelector("#connection h2")).getText()).isEqualTo("Connection");

        // the broker goes away: the page follows, without a reload
        onenet.close();
        onenet = null;
        await().atMost(WAIT).until(() -> !text("connection-state").equals("connected"));
        await().atMost(WAIT).until(() -> "offline".equals(attribute(row(METERED), "data-state")));
        assertThat(text("connection-error")).isNotEqualTo("–");
    }

    /** Picks a state in the devices' filter, as a click on its option does. */
    private void choose(String state) {
        byId("device-state").findElement(By.cssSelector("option[value='" + state + "']")).click();
    }

    /** The selector of a sub-device's row in the devices' table. */
    private static String row(SubDevice device) {
        return "#device-rows tr[data-id='" + device.key() + "']";
    }

    /*
     * The page rebuilds its tables every 2 s, so an element found in one WebDriver call may be gone by the next
     * ("stale element reference"). Each read below finds and reads in one script, which runs between two of the
     * page's renders.
     */

    /** The text of the first element the selector finds, as shown (trimmed), or null if there is none. */
    private String read(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e && e.innerText.trim();", css);
        return (String) text;
    }

    private String attribute(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);",
                css, name);
    }

    private int count(String css) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length;", css)).intValue();
    }

    /** Whether the recent commands show one for the device, answered. */
    private boolean answered(SubDevice device) {
        return Boolean.TRUE.equals(script("return [...document.querySelectorAll('#command-rows tr')].some(r =>"
                + " r.querySelector('td.device').innerText === arguments[0]"
                + " && r.querySelector('td.answered').innerText !== arguments[1]);", device.key(), "not yet"));
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return byId(id).getText();
    }

    private void keepScreenshot() throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("docs.update")) {
            Files.copy(shot.toPath(), DOCS_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Debian's Chromium, headless, through Debian's ChromeDriver: nothing downloaded. */
    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static OneNetEmulator emulator() {
        OneNetEmulator.Builder builder = OneNetEmulator.builder().commandPeriod(Duration.ZERO)
                .studioDevice(GATEWAY_PRODUCT, GATEWAY, key(GATEWAY));
        for (int i = 1; i <= SUB_DEVICES; i++) {
            builder.subDevice(GATEWAY, PRODUCT, child(i).deviceName(), key(child(i).deviceName()));
        }
        return builder.build().start();
    }

    private static String devicesYaml() {
        return "devices:\n" + IntStream.rangeClosed(1, SUB_DEVICES).mapToObj(i -> "  - device-name: \""
                + child(i).deviceName() + "\"\n    product-id: \"" + PRODUCT + "\"\n    device-key: \""
                + (child(i).equals(REFUSED) ? key("not-its-key") : key(child(i).deviceName())) + "\"\n")
                .collect(Collectors.joining());
    }

    private static SubDevice child(int i) {
        return new SubDevice(PRODUCT, "child-" + i);
    }

    private static String key(String name) {
        return SubDeviceGatewayTest.key(name);
    }
}
