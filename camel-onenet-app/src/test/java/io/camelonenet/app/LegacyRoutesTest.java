package io.camelonenet.app;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.CommandReply;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.UploadedDatapoints;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bundled YAML routes, as users run them, against the emulator. */
class LegacyRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static RunningApp app;
    /** Redeliveries the error handlers attempted, by the exchange's command id. */
    private static final RedeliveryCounter redeliveries = new RedeliveryCounter();

    @BeforeAll
    static void start() throws Exception {
        onenet = OneNetEmulator.builder().device(RunningApp.DEVICE, RunningApp.PRODUCT, RunningApp.AUTH).build().start();
        app = RunningApp.start(RunningApp.properties(onenet, workDir),
                context -> context.getManagementStrategy().addEventNotifier(redeliveries));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        onenet.close();
    }

    @Test
    void should_upload_sensor_readings_that_onenet_decodes() {
        await().atMost(WAIT).until(() -> onenet.record().uploads().size() >= 3);

        List<UploadedDatapoints> uploads = onenet.record().uploads();
        assertThat(uploads).allSatisfy(upload -> {
            assertThat(upload.deviceId()).isEqualTo(RunningApp.DEVICE);
            assertThat(upload.datapoints()).extracting(Datapoint::streamId)
                    .containsExactly("temperature", "humidity", "seq");
            assertThat(upload.datapoints()).allSatisfy(point -> assertThat(point.at()).isNotNull());
        });
        List<Long> seqs = uploads.stream()
                .map(upload -> upload.datapoints().get(2).value().toString())
                .map(Long::parseLong).toList();
        assertThat(seqs.get(0)).isEqualTo(1L);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    @Test
    void should_write_a_pushed_command_to_its_file_before_replying_ok_on_crsp() {
        awaitConnected();
        String commandId = onenet.pushCommand(RunningApp.DEVICE, "{\"led\":\"on\"}");

        CommandReply reply = awaitReply(commandId);

        Path file = workDir.resolve("commands").resolve(commandId + ".cmd");
        // the reply is only sent once the file is written
        assertThat(file).exists().hasContent("{\"led\":\"on\"}");
        assertThat(reply.payloadAsText()).isEqualTo("ok");
        assertThat(reply.deviceId()).isEqualTo(RunningApp.DEVICE);
    }

    @Test
    void should_answer_a_resent_command_again_and_write_it_once() throws IOException {
        awaitConnected();
        String topic = "$creq/resent-0001";
        onenet.pushOnTopic(RunningApp.DEVICE, topic, "first".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> replies("resent-0001") == 1);
        onenet.pushOnTopic(RunningApp.DEVICE, topic, "second".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> replies("resent-0001") == 2);

        assertThat(workDir.resolve("commands").resolve("resent-0001.cmd")).hasContent("first");
        try (Stream<Path> files = Files.list(workDir.resolve("commands"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("resent"))).hasSize(1);
        }
    }

    @Test
    void should_write_nothing_outside_the_downlink_dir_whatever_the_cmduuid() throws IOException {
        awaitConnected();
        List<String> hostile = List.of("../escaped", "../../escaped-twice", "/tmp/absolute", "..", ".",
                "a/../../b", "x".repeat(5000), "..\\windows", "%2e%2e%2fencoded", "name with spaces");
        for (String id : hostile) {
            onenet.pushOnTopic(RunningApp.DEVICE, "$creq/" + id, ("cmd " + id.length()).getBytes(StandardCharsets.UTF_8));
        }
        // every hostile id is answered (its file has a safe name); wait for these replies, not for any earlier ones
        await().atMost(WAIT).until(() -> hostile.stream().allMatch(id -> replies(id) > 0));

        try (Stream<Path> everything = Files.walk(workDir)) {
            List<Path> files = everything.filter(Files::isRegularFile).toList();
            assertThat(files).allSatisfy(file -> {
                Path parent = file.getParent();
                assertThat(parent.equals(workDir.resolve("commands")) || parent.equals(workDir.resolve("dead-letter"))
                        || parent.equals(workDir.resolve("buffer")))
                        .as("%s is inside the downlink, dead-letter or buffer directory", file).isTrue();
                if (parent.equals(workDir.resolve("commands"))) {
                    assertThat(file.getFileName().toString()).matches("[A-Za-z0-9_-]{1,64}\\.cmd");
                }
            });
        }
        assertThat(workDir.getParent().resolve("escaped")).doesNotExist();
        assertThat(Path.of("/tmp/absolute.cmd")).doesNotExist();
    }

    @Test
    void should_keep_consuming_after_empty_and_oversized_commands() {
        awaitConnected();
        onenet.pushCommand(RunningApp.DEVICE, new byte[0]);
        String huge = onenet.pushCommand(RunningApp.DEVICE, new byte[70_000]);
        String good = onenet.pushCommand(RunningApp.DEVICE, "after the bad ones");

        awaitReply(good);
        assertThat(onenet.record().replies()).noneMatch(reply -> reply.commandId().equals(huge));
        assertThat(workDir.resolve("commands").resolve(huge + ".cmd")).doesNotExist();
    }

    @Test
    void should_try_a_command_it_cannot_write_twice_more_then_keep_it_as_a_dead_letter_unanswered() throws IOException {
        awaitConnected();
        String commandId = "unwritable-0001";
        // its temporary file's name taken by a folder that is not empty: the file component cannot write the command
        Path blocker = Files.createDirectories(workDir.resolve("commands").resolve(".incoming-" + commandId + ".cmd"));
        Files.writeString(blocker.resolve("keep"), "in the way");

        onenet.pushOnTopic(RunningApp.DEVICE, "$creq/" + commandId, "cannot land".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> RunningApp.deadLettersText(workDir).contains("cannot land"));
        // the route goes on: a later command is written and answered
        String after = onenet.pushCommand(RunningApp.DEVICE, "after the unwritable one");
        awaitReply(after);

        assertThat(redeliveries.of(commandId)).as("redeliveries of the unwritable command").isEqualTo(2);
        assertThat(redeliveries.of(after)).isZero();
        assertThat(replies(commandId)).as("replies to the unwritable command").isZero();
        assertThat(workDir.resolve("commands").resolve(commandId + ".cmd")).doesNotExist();
        assertThat(RunningApp.deadLettersText(workDir)).contains("onenet-command-file");
    }

    @Test
    void should_use_exactly_one_connection_for_both_routes() {
        awaitConnected();
        String commandId = onenet.pushCommand(RunningApp.DEVICE, "ping");
        awaitReply(commandId);
        int uploads = onenet.record().uploads().size();
        await().atMost(WAIT).until(() -> onenet.record().uploads().size() > uploads);

        assertThat(onenet.record().connectCount(RunningApp.DEVICE)).isEqualTo(1);
    }

    private static void awaitConnected() {
        // an upload from now on proves the device is logged in and its routes run (an earlier test's would not)
        int before = onenet.record().uploads().size();
        await().atMost(WAIT).until(() -> onenet.record().uploads().size() > before);
    }

    private static CommandReply awaitReply(String commandId) {
        await().atMost(WAIT).until(() -> replies(commandId) > 0);
        return onenet.record().replies().stream().filter(reply -> reply.commandId().equals(commandId))
                .findFirst().orElseThrow();
    }

    /** Counts the redeliveries Camel's error handlers attempt, by the command id of the exchange. */
    private static final class RedeliveryCounter extends EventNotifierSupport {
        private final Map<String, AtomicInteger> byCommand = new ConcurrentHashMap<>();

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeRedeliveryEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            String commandId = ((ExchangeRedeliveryEvent) event).getExchange().getMessage()
                    .getHeader(OneNetHeaders.COMMAND_ID, String.class);
            if (commandId != null) {
                byCommand.computeIfAbsent(commandId, id -> new AtomicInteger()).incrementAndGet();
            }
        }

        int of(String commandId) {
            AtomicInteger count = byCommand.get(commandId);
            return count == null ? 0 : count.get();
        }
    }

    private static long replies(String commandId) {
        return onenet.record().replies().stream().filter(reply -> reply.commandId().equals(commandId)).count();
    }
}
