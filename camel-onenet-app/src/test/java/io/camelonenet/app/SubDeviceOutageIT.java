package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.emulator.SubDevicePost;
import io.camelonenet.health.GatewayCounters;
import io.camelonenet.studio.SubDevice;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A current-platform gateway of 50 sub-devices through a 30 s outage of the platform: the readings taken meanwhile
 * wait in the buffer, and after the platform is back (with an empty topology, as a fresh emulator has) the gateway binds
 * and logs its sub-devices in again and history/post delivers every buffered reading, each sub-device's in order,
 * nothing lost, within the platform's limits; one sub-device's events, sent meanwhile, come the same way.
 */
class SubDeviceOutageIT {

    @TempDir
    Path workDir;

    @Test
    void thirty_seconds_of_outage_are_delivered_by_history_post_nothing_lost() throws Exception {
        int port = FreePort.onLoopback();
        Path file = workDir.resolve("sub-devices.yaml");
        Files.writeString(file, SubDeviceGatewayTest.devicesYaml());
        OneNetEmulator first = SubDeviceGatewayTest.emulator(port);
        Map<String, String> properties = SubDeviceGatewayTest.properties(first, workDir, file);
        properties.put("onenet.uplink.period", "500");
        List<SubDevice> accepted = SubDeviceGatewayTest.accepted();
        // an event of one sub-device every second, numbered, through the same route as its readings
        SubDevice alarmed = accepted.get(0);
        AtomicLong eventsSent = new AtomicLong();
        try (RunningApp app = RunningApp.start(properties, context -> events(context, alarmed, eventsSent))) {
            GatewayCounters counters = app.context().getRegistry().lookupByNameAndType("gatewayCounters",
                    GatewayCounters.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> accepted.stream()
                    .allMatch(d -> SubDeviceGatewayTest.seqs(first, d).size() >= 2));

            first.close();
            // the outage: readings go on being taken and wait in the buffer
            TimeUnit.SECONDS.sleep(30);
            Map<SubDevice, Long> producedBeforeReturn = new HashMap<>();
            accepted.forEach(d -> producedBeforeReturn.put(d, produced(counters, d)));
            long eventsBeforeReturn = eventsSent.get();

            try (OneNetEmulator second = SubDeviceGatewayTest.emulator(port)) {
                await().atMost(Duration.ofSeconds(120)).until(() -> accepted.stream().allMatch(d ->
                        received(first, second, d).containsAll(range(producedBeforeReturn.get(d)))));

                for (SubDevice device : accepted) {
                    List<Long> afterReturn = SubDeviceGatewayTest.seqs(second, device);
                    assertThat(afterReturn).as("%s after the outage, in order", device).isSorted();
                    assertThat(producedBeforeReturn.get(device)).as("readings taken by %s", device)
                            .isGreaterThan(50);
                }
                assertThat(second.record().subDevicePosts()).extracting(SubDevicePost::kind).contains("history");
                await().atMost(Duration.ofSeconds(60)).until(() -> eventNumbers(first, second, alarmed)
                        .containsAll(range(eventsBeforeReturn)));
                assertThat(eventNumbers(second, alarmed)).as("events after the outage, in order").isSorted();
                assertThat(second.record().subDevicePosts()).as("events of the backlog by history/post")
                        .anyMatch(post -> post.kind().equals("history") && post.events().size() > 1);
                assertThat(second.record().violations()).isEmpty();
                assertThat(second.topology(SubDeviceGatewayTest.GATEWAY)).containsExactlyInAnyOrderElementsOf(accepted);
            }
        } finally {
            first.close();
        }
    }

    /** Adds a route sending an event {@code alarm} of {@code device}, numbered from 1, every second. */
    private static void events(CamelContext context, SubDevice device, AtomicLong sent) {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:test-events?period=1000&delay=0").routeId("test-events")
                            .process(exchange -> exchange.getMessage().setBody(Map.of("n", sent.incrementAndGet())))
                            .setHeader("OneNetProductId", constant(device.productId()))
                            .setHeader("OneNetDeviceName", constant(device.deviceName()))
                            .setHeader("OneNetEvent", constant("alarm"))
                            .to("direct:onenet-reading");
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> eventNumbers(OneNetEmulator emulator, SubDevice device) {
        return SubDeviceGatewayTest.events(emulator, device).stream()
                .map(event -> ((com.fasterxml.jackson.databind.JsonNode) event.value()).path("n").asLong()).toList();
    }

    private static TreeSet<Long> eventNumbers(OneNetEmulator first, OneNetEmulator second, SubDevice device) {
        TreeSet<Long> numbers = new TreeSet<>(eventNumbers(first, device));
        numbers.addAll(eventNumbers(second, device));
        return numbers;
    }

    private static long produced(GatewayCounters counters, SubDevice device) {
        return counters.of(device.productId() + "/" + device.deviceName()).snapshot().get("produced");
    }

    private static TreeSet<Long> received(OneNetEmulator first, OneNetEmulator second, SubDevice device) {
        TreeSet<Long> seqs = new TreeSet<>(SubDeviceGatewayTest.seqs(first, device));
        seqs.addAll(SubDeviceGatewayTest.seqs(second, device));
        return seqs;
    }

    private static List<Long> range(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }
}
