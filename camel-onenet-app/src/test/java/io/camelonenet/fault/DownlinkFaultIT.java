package io.camelonenet.fault;

import io.camelonenet.emulator.OneNetEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 malformed or oversized commands and 1,000 hostile cmduuids against the app in its own process with a 64 MB
 * heap: it keeps running and answering, writes nothing outside its downlink directory, and its memory stays bounded
 * (an unbounded queue or copy would end in an OutOfMemoryError).
 */
class DownlinkFaultIT {

    @TempDir
    Path workDir;

    @Test
    void should_survive_a_flood_of_bad_commands_and_hostile_ids() throws Exception {
        Path log = workDir.resolve("app.log");
        String routes = Faults.routes(workDir.resolve("routes"), Faults.noReadings());
        try (OneNetEmulator onenet = OneNetEmulator.builder().device(Faults.DEVICE, Faults.PRODUCT, Faults.AUTH)
                .build().start();
             Jvm app = Jvm.app(log, Faults.appEnvironment(workDir, onenet.port(), routes))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> onenet.record().connectCount(Faults.DEVICE) > 0
                    && canPush(onenet));

            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 10_000; i++) {
                byte[] payload = switch (i % 4) {
                    case 0 -> new byte[0];
                    case 1 -> new byte[70_000 + random.nextInt(30_000)];
                    case 2 -> new byte[] {(byte) random.nextInt(256)};
                    default -> new byte[65_537];
                };
                if (payload.length == 1) {
                    // small but on a topic with nothing after $creq/
                    onenet.pushOnTopic(Faults.DEVICE, "$creq/", payload);
                } else {
                    onenet.pushOnTopic(Faults.DEVICE, "$creq/malformed-" + i, payload);
                }
            }
            List<String> hostile = hostileIds(1000, random);
            for (String id : hostile) {
                onenet.pushOnTopic(Faults.DEVICE, "$creq/" + id, "hostile".getBytes(StandardCharsets.UTF_8));
            }
            // then a command is answered. The broker (HiveMQ) drops QoS 0 pushes a client cannot take at once, so a
            // marker lost in the flood's wake is pushed again, a new one every 5 s, until one is answered
            List<String> markers = new java.util.concurrent.CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                if (onenet.record().replies().stream().anyMatch(reply -> markers.contains(reply.commandId()))) {
                    return true;
                }
                markers.add(onenet.pushCommand(Faults.DEVICE, "still there?"));
                return false;
            });

            assertThat(app.alive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
            long answered = onenet.record().replies().size();
            try (Stream<Path> everything = Files.walk(workDir)) {
                List<Path> commandFiles = everything.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().endsWith(".cmd")).toList();
                assertThat(commandFiles).allSatisfy(file -> {
                    assertThat(file.getParent()).isEqualTo(workDir.resolve("commands"));
                    assertThat(file.getFileName().toString()).matches("[A-Za-z0-9_-]{1,64}\\.cmd");
                });
            }
            assertThat(workDir.getParent().resolve("escaped.cmd")).doesNotExist();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("malformed or oversized commands", 10_000);
            figures.put("hostile cmduuids", hostile.size());
            figures.put("answered", answered);
            figures.put("markers pushed until one was answered", markers.size());
            String output = Files.readString(log);
            figures.put("lines logged about the ignored ones (once per 10 s, with a count)", output.lines()
                    .filter(l -> l.contains("Ignored downlink message")).count());
            figures.put("refused by the full downlink queue", app.readinessDetail("commandsRefused"));
            figures.put("app heap", "-Xmx64m");
            figures.put("files outside the downlink dir", 0);
            Faults.figures("downlink-flood", figures);
            app.stop();
        }
    }

    private static boolean canPush(OneNetEmulator onenet) {
        try {
            onenet.pushCommand(Faults.DEVICE, "hello");
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static List<String> hostileIds(int count, SplittableRandom random) {
        String[] shapes = {"../escaped", "../../etc/passwd", "/tmp/absolute", "..", ".", "a/../../b", "..\\\\x",
                "%2e%2e%2f", "con", "name with spaces", "C:\\\\windows", "~root", "温度/../x"};
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> i % 10 == 0 ? "x".repeat(1000 + random.nextInt(20_000))
                        : shapes[i % shapes.length] + "-" + i)
                .toList();
    }
}
