package io.camelonenet.app;

import io.camelonenet.dp.DpType;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every example route under routes/examples runs on its own, and the emulator decodes its frames. */
class DpExampleRoutesTest {

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;

    @BeforeAll
    static void startEmulator() {
        onenet = OneNetEmulator.builder().device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        onenet.close();
    }

    @ParameterizedTest(name = "routes/examples/dp-type-{0}.camel.yaml")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void should_upload_frames_of_its_type(int type) throws Exception {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("camel.main.routes-include-pattern", "file:routes/examples/dp-type-" + type + ".camel.yaml");
        int before = onenet.record().uploads().size();

        try (RunningApp app = RunningApp.start(properties, context -> { })) {
            await().atMost(Duration.ofSeconds(20)).until(() -> onenet.record().uploads().size() >= before + 2);
        }

        UploadedDatapoints upload = onenet.record().uploads().get(before);
        assertThat(upload.type()).isEqualTo(DpType.fromCode(type));
        assertThat(upload.datapoints()).isNotEmpty();
        assertThat(onenet.record().illegalFrames()).isEmpty();
    }
}
