package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bad readings go to the dead-letter folder with the reason; the uplink keeps running. */
class UplinkDeadLetterTest {

    @TempDir
    Path workDir;

    /** Every third reading has an empty stream id, every third a value too big for a $dp frame. */
    public static class FaultySensor {
        private final AtomicInteger calls = new AtomicInteger();

        public Map<String, Object> read() {
            int call = calls.incrementAndGet();
            Map<String, Object> reading = new LinkedHashMap<>();
            switch (call % 3) {
                case 1 -> reading.put("", 1);
                case 2 -> reading.put("log", "x".repeat(70_000));
                default -> reading.put("seq", call);
            }
            return reading;
        }
    }

    @Test
    void should_keep_bad_readings_as_dead_letters_and_keep_uploading() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder()
                .device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start();
             RunningApp app = RunningApp.start(withFaultySensor(RunningApp.properties(onenet, workDir)),
                     context -> { })) {

            await().atMost(Duration.ofSeconds(20)).until(() -> onenet.record().uploads().size() >= 2
                    && deadLetters().size() >= 4);

            List<String> letters = new ArrayList<>();
            for (Path letter : deadLetters()) {
                letters.add(Files.readString(letter));
            }
            assertThat(letters).anyMatch(text -> text.contains("datapoint 0 has an empty datastream id")
                    && text.contains("\"routeId\":\"onenet-reading\"") && text.contains("\"body\":{\"\":1}"));
            assertThat(letters).anyMatch(text -> text.contains("the u16 length field allows at most 65535"));
            assertThat(onenet.record().uploads()).allSatisfy(upload ->
                    assertThat(upload.datapoints()).singleElement()
                            .satisfies(point -> assertThat(point.streamId()).isEqualTo("seq")));
            assertThat(app.context().getRouteController().getRouteStatus("onenet-uplink").isStarted()).isTrue();
        }
    }

    /** The bundled routes with the sensor swapped in the YAML, as a user replaces it. */
    private Map<String, String> withFaultySensor(Map<String, String> properties) throws IOException {
        String routes = BundledRoutes.copy(workDir.resolve("routes"), "legacy", yaml -> yaml.replace(
                "type: io.camelonenet.route.SimulatedSensor", "type: " + FaultySensor.class.getName()));
        assertThat(Files.readString(workDir.resolve("routes").resolve("uplink.camel.yaml")))
                .contains(FaultySensor.class.getName());
        properties.put("camel.main.routes-include-pattern", routes);
        return properties;
    }

    private List<Path> deadLetters() throws IOException {
        return RunningApp.deadLetters(workDir);
    }
}
