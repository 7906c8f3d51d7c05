package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same downlink route on a broker that grants the $creq/+ subscription and needs it. */
class PlainBrokerDownlinkTest {

    @TempDir
    Path workDir;

    @Test
    void should_receive_and_answer_commands_through_a_granted_subscription() throws Exception {
        try (OneNetEmulator broker = OneNetEmulator.builder().plainBroker()
                .device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start();
             RunningApp app = RunningApp.start(RunningApp.properties(broker, workDir), context -> { })) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !broker.record().uploads().isEmpty());

            String commandId = broker.pushCommand(RunningApp.DEVICE, "plain");

            await().atMost(Duration.ofSeconds(20)).until(() -> broker.record().replies().stream()
                    .anyMatch(reply -> reply.commandId().equals(commandId)));
            assertThat(workDir.resolve("commands").resolve(commandId + ".cmd")).hasContent("plain");
            assertThat(broker.record().refusedSubscriptions()).isEmpty();
        }
    }
}
