package io.camelonenet.app;

import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.emulator.OneNetEmulator;
import io.camelonenet.health.GatewayCounters;
import io.camelonenet.emulator.SubDevicePost;
import io.camelonenet.emulator.ThingReply;
import io.camelonenet.studio.SubDevice;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bundled current-platform gateway routes (routes/gateway/studio/) with 50 sub-devices against the emulator: the
 * gateway logs in once, binds its sub-devices (topo/add, each sasToken signed with the sub-device's key) and logs them
 * in, and carries their readings in pack/post and history/post; one sub-device has a wrong key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubDeviceGatewayTest {

    static final String GATEWAY_PRODUCT = "gwProduct01";
    static final String GATEWAY = "gateway-1";
    static final String GATEWAY_KEY = key("gateway");
    static final String PRODUCT = "subProduct1";
    static final int SUB_DEVICES = 50;
    /** Listed with a key that does not sign for it: its topo/add is refused. */
    static final SubDevice WRONG_KEY = child(7);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** A property the emulator's thing model lacks: a message carrying it is refused with code 400. */
    static final String NOT_IN_THE_MODEL = "notInTheModel";
    private static final int RATE = 10;

    @TempDir
    static Path workDir;
    private static OneNetEmulator onenet;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        onenet = emulator(0);
        Path file = workDir.resolve("sub-devices.yaml");
        Files.writeString(file, devicesYaml());
        app = RunningApp.start(properties(onenet, workDir, file), context -> { });
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (onenet != null) {
            onenet.close();
        }
    }

    @Test
    @Order(1)
    void the_topology_is_reconciled_and_every_sub_device_but_the_refused_one_delivers_in_order() {
        List<SubDevice> accepted = accepted();
        await().atMost(WAIT).until(() -> accepted.stream().allMatch(d -> onenet.subDeviceOnline(GATEWAY, d)));
        await().atMost(WAIT).until(() -> accepted.stream().allMatch(d -> seqs(d).size() >= 3));

        assertThat(onenet.topology(GATEWAY)).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(onenet.subDeviceOnline(GATEWAY, WRONG_KEY)).isFalse();
        for (SubDevice device : accepted) {
            List<Long> seqs = seqs(device);
            assertThat(seqs).as("readings of %s", device)
                    .isEqualTo(IntStream.rangeClosed(1, seqs.size()).mapToObj(i -> (long) i).toList());
        }
        assertThat(onenet.record().violations()).isEmpty();
        // published: readings the platform accepted, counted after its answer (read before what it recorded)
        GatewayCounters counters = app.context().getRegistry().lookupByNameAndType("gatewayCounters",
                GatewayCounters.class);
        await().atMost(WAIT).until(() -> accepted.stream().allMatch(d -> published(counters, d) >= 1));
        for (SubDevice device : accepted) {
            long published = published(counters, device);
            assertThat(published).as("published of %s", device).isBetween(1L, (long) seqs(device).size());
        }
        assertThat(published(counters, WRONG_KEY)).as("a sub-device the platform refuses").isZero();
        assertPacedAtRate();
        HealthCheck.Result gateway = app.check("onenet-gateway");
        assertThat(gateway.getDetails()).containsEntry("configured", SUB_DEVICES).containsEntry("online", 49L)
                .containsEntry("refused", PRODUCT + "/" + WRONG_KEY.deviceName());
    }

    static long published(GatewayCounters counters, SubDevice device) {
        return counters.of(device.productId() + "/" + device.deviceName()).snapshot().get("published");
    }

    @Test
    @Order(2)
    void a_property_set_for_sub_device_k_is_answered_by_the_route_and_an_unknown_one_with_404() {
        SubDevice k = child(12);
        String id = onenet.setSubDeviceProperties(GATEWAY, k, Map.of("valve", "closed"));
        String unknown = onenet.setSubDeviceProperties(GATEWAY, new SubDevice(PRODUCT, "stranger"), Map.of("a", 1));

        assertThat(awaitReply(id).code()).isEqualTo(200);
        assertThat(awaitReply(id).kind()).isEqualTo("set_reply");
        assertThat(awaitReply(unknown).code()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void a_service_invoke_is_answered_with_the_identity_and_output_and_a_get_with_values() {
        SubDevice k = child(21);
        String invoke = onenet.invokeSubDeviceService(GATEWAY, k, "reboot", Map.of("delay", 3));
        String get = onenet.getSubDeviceProperties(GATEWAY, k, List.of("temperature", "humidity"));

        ThingReply invoked = awaitReply(invoke);
        assertThat(invoked.kind()).isEqualTo("invoke_reply");
        assertThat(invoked.data().toString()).isEqualTo("{\"deviceName\":\"child-21\",\"productID\":\"" + PRODUCT
                + "\",\"identifier\":\"reboot\",\"output\":{\"delay\":3}}");
        ThingReply got = awaitReply(get);
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.data().has("temperature")).isTrue();
        assertThat(got.data().has("humidity")).isTrue();
        assertThat(got.data().has("seq")).as("only the values asked for").isFalse();
    }

    @Test
    @Order(4)
    void after_a_reconnect_the_topology_is_reconciled_again_and_every_sub_device_logs_in_again() {
        SubDevice any = child(30);
        int before = onenet.record().subDeviceLogins(any);
        assertThat(onenet.kick(GATEWAY)).isTrue();

        await().atMost(WAIT).until(() -> accepted().stream()
                .allMatch(d -> onenet.record().subDeviceLogins(d) >= 2 && onenet.subDeviceOnline(GATEWAY, d)));
        assertThat(onenet.record().subDeviceLogins(any)).isEqualTo(before + 1);
        // bound already: no second topo/add
        assertThat(onenet.record().topologyChanges()).filteredOn(change -> change.endsWith(" " + any)).hasSize(1);
        int delivered = seqs(any).size();
        await().atMost(WAIT).until(() -> seqs(any).size() > delivered);
    }

    @Test
    @Order(5)
    void a_topology_change_is_applied_and_answered() {
        List<SubDevice> kept = accepted().stream().filter(d -> !d.equals(child(3))).toList();
        String id = onenet.changeTopology(GATEWAY, kept);

        ThingReply reply = awaitReply(id);
        assertThat(reply.kind()).isEqualTo("change_reply");
        assertThat(reply.code()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(app.check("onenet-gateway")
                .getDetails()).containsEntry("online", 48L));
        // a batch already on its way when the platform unbound child-3 is refused for it: nothing else
        assertThat(onenet.record().violations()).allMatch(violation -> violation.contains(child(3) + " is not a "
                + "logged-in sub-device"));
        int delivered = seqs(child(4)).size();
        await().atMost(WAIT).until(() -> seqs(child(4)).size() > delivered);
    }

    @Test
    @Order(6)
    void a_sub_device_removed_from_the_file_is_logged_out_and_left_bound() throws Exception {
        SubDevice removed = child(40);
        assertThat(onenet.subDeviceOnline(GATEWAY, removed)).isTrue();
        String without = devicesYaml().replace("  - device-name: \"child-40\"\n    product-id: \"" + PRODUCT
                + "\"\n    device-key: \"" + key("child-40") + "\"\n", "");
        assertThat(without).isNotEqualTo(devicesYaml());

        Files.writeString(workDir.resolve("sub-devices.yaml"), without);

        await().atMost(WAIT).until(() -> !onenet.subDeviceOnline(GATEWAY, removed));
        assertThat(onenet.topology(GATEWAY)).as("onenet.gateway.prune-topology is false").contains(removed);
        String unknown = onenet.setSubDeviceProperties(GATEWAY, removed, Map.of("a", 1));
        assertThat(awaitReply(unknown).code()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void a_reading_without_a_sub_device_is_the_gateways_own_and_goes_without_an_identity() {
        app.context().createProducerTemplate().sendBody("onenet-buffer:uplink?topic=thing/pack/post",
                "{\"time\":1700000000000,\"properties\":{\"uptime\":42}}".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> onenet.record().subDevicePosts().stream()
                .anyMatch(post -> post.device() == null));
        SubDevicePost own = onenet.record().subDevicePosts().stream().filter(post -> post.device() == null)
                .findFirst().orElseThrow();
        assertThat(own.points()).singleElement().satisfies(point -> {
            assertThat(point.streamId()).isEqualTo("uptime");
            assertThat(point.value().toString()).isEqualTo("42");
            assertThat(point.at()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        });
    }

    @Test
    @Order(8)
    void a_batch_the_platform_refuses_goes_to_the_dead_letters_and_the_uplink_goes_on() throws Exception {
        SubDevice k = child(15);
        String key = PRODUCT + "/" + k.deviceName();
        app.context().createProducerTemplate().sendBodyAndHeader("onenet-buffer:uplink?topic=thing/pack/post",
                ("{\"time\":1700000000000,\"properties\":{\"" + NOT_IN_THE_MODEL + "\":1}}")
                        .getBytes(StandardCharsets.UTF_8), "OneNetDeviceId", key);
        io.camelonenet.buffer.UplinkBuffer buffer = app.context().getRegistry()
                .lookupByNameAndType("uplinkBuffer", io.camelonenet.buffer.UplinkBuffer.class);
        int delivered = seqs(k).size();
        int violations = onenet.record().violations().size();

        // refused once, removed from the buffer (not sent again and again), and k's readings go on
        await().atMost(WAIT).until(() -> seqs(k).size() > delivered + 2);
        assertThat(onenet.record().subDevicePosts()).flatExtracting(SubDevicePost::points)
                .extracting(Datapoint::streamId).doesNotContain(NOT_IN_THE_MODEL);
        assertThat(buffer.count(key)).isLessThanOrEqualTo(2);
        assertThat(onenet.record().violations()).hasSize(violations);
        // kept as a dead letter with the platform's code
        // (each reading of the refused message is one: the platform does not say which entry it refused)
        String refusedReading = "\"" + NOT_IN_THE_MODEL + "\":1";
        await().atMost(WAIT).until(() -> RunningApp.deadLetters(workDir).stream().anyMatch(file -> read(file)
                .contains(refusedReading)));
        String letter = RunningApp.deadLetters(workDir).stream().map(SubDeviceGatewayTest::read)
                .filter(text -> text.contains(refusedReading)).findFirst().orElseThrow();
        assertThat(letter).contains("\"deviceName\":\"child-15\"").contains("code 400")
                .contains("onenet-subdevice-uplink");
        // the batch that carried it was refused whole; its other sub-devices went again alone, and were accepted
        assertThat(RunningApp.deadLetters(workDir).stream().map(SubDeviceGatewayTest::read)
                .filter(text -> text.contains("onenet-subdevice-uplink")))
                .allMatch(text -> text.contains("\"deviceName\":\"child-15\"")
                        || text.contains("\"deviceName\":\"child-3\""));
    }

    @Test
    @Order(9)
    void an_event_of_a_sub_device_is_buffered_and_batched_beside_its_properties() {
        SubDevice k = child(22);
        app.context().createProducerTemplate().sendBodyAndHeaders("direct:onenet-reading", Map.of("level", 3),
                Map.of("OneNetProductId", k.productId(), "OneNetDeviceName", k.deviceName(),
                        "OneNetEvent", "overheat"));

        await().atMost(WAIT).until(() -> !events(k).isEmpty());
        assertThat(events(k)).singleElement().satisfies(event -> {
            assertThat(event.streamId()).isEqualTo("overheat");
            assertThat(event.value().toString()).isEqualTo("{\"level\":3}");
            assertThat(event.at()).isNotNull();
        });
        assertThat(onenet.record().violations()).allMatch(violation -> violation.contains(child(3).toString()));
    }

    /** The events of the sub-device the platform accepted in pack/post and history/post, in order. */
    static List<Datapoint> events(OneNetEmulator emulator, SubDevice device) {
        return emulator.record().subDevicePosts().stream().filter(post -> device.equals(post.device()))
                .flatMap(post -> post.events().stream()).toList();
    }

    private static List<Datapoint> events(SubDevice device) {
        return events(onenet, device);
    }

    static Map<String, String> properties(OneNetEmulator onenet, Path workDir, Path file) {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.protocol", "studio");
        properties.put("onenet.product-id", GATEWAY_PRODUCT);
        properties.put("onenet.device-name", GATEWAY);
        properties.put("onenet.device-key", GATEWAY_KEY);
        properties.put("onenet.devices.file", file.toString());
        properties.put("onenet.uplink.period", "1000");
        properties.put("onenet.uplink.max-rate", String.valueOf(RATE));
        properties.put("onenet.reply.timeout", "5000");
        return properties;
    }

    static OneNetEmulator emulator(int port) {
        OneNetEmulator.Builder builder = OneNetEmulator.builder().port(port).commandPeriod(Duration.ZERO)
                .studioDevice(GATEWAY_PRODUCT, GATEWAY, GATEWAY_KEY).rejectDatastream(NOT_IN_THE_MODEL);
        for (int i = 1; i <= SUB_DEVICES; i++) {
            builder.subDevice(GATEWAY, PRODUCT, child(i).deviceName(), key(child(i).deviceName()));
        }
        return builder.build().start();
    }

    static String devicesYaml() {
        return "devices:\n" + IntStream.rangeClosed(1, SUB_DEVICES).mapToObj(i -> "  - device-name: \""
                + child(i).deviceName() + "\"\n    product-id: \"" + PRODUCT + "\"\n    device-key: \""
                + (child(i).equals(WRONG_KEY) ? key("not-its-key") : key(child(i).deviceName())) + "\"\n")
                .collect(Collectors.joining());
    }

    /** The emulator's builder, knowing the gateway and these sub-devices with their keys. */
    static OneNetEmulator.Builder emulatorOf(List<SubDevice> devices) {
        OneNetEmulator.Builder builder = OneNetEmulator.builder().commandPeriod(Duration.ZERO)
                .studioDevice(GATEWAY_PRODUCT, GATEWAY, GATEWAY_KEY);
        devices.forEach(d -> builder.subDevice(GATEWAY, PRODUCT, d.deviceName(), key(d.deviceName())));
        return builder;
    }

    /** A devices file listing these sub-devices with their keys. */
    static String devicesYaml(List<SubDevice> devices) {
        return "devices:\n" + devices.stream().map(d -> "  - device-name: \"" + d.deviceName()
                + "\"\n    product-id: \"" + d.productId() + "\"\n    device-key: \"" + key(d.deviceName()) + "\"\n")
                .collect(Collectors.joining());
    }

    /**
     * Asserts that every sub-device's readings 1..{@code readings} arrived in order, duplicates removed; returns how
     * many duplicates arrived in all.
     */
    static int assertCompleteAndInOrder(OneNetEmulator emulator, List<SubDevice> devices, int readings) {
        int duplicates = 0;
        for (SubDevice device : devices) {
            List<Long> seqs = seqs(emulator, device);
            List<Long> distinct = List.copyOf(new java.util.LinkedHashSet<>(seqs));
            assertThat(distinct).as("readings of %s, duplicates removed", device)
                    .isEqualTo(IntStream.rangeClosed(1, readings).mapToObj(i -> (long) i).toList());
            duplicates += seqs.size() - distinct.size();
        }
        return duplicates;
    }

    static SubDevice child(int i) {
        return new SubDevice(PRODUCT, "child-" + i);
    }

    static List<SubDevice> accepted() {
        return IntStream.rangeClosed(1, SUB_DEVICES).mapToObj(SubDeviceGatewayTest::child)
                .filter(d -> !d.equals(WRONG_KEY)).toList();
    }

    static String key(String name) {
        return Base64.getEncoder().encodeToString(("key of " + name + " for tests").getBytes(StandardCharsets.UTF_8));
    }

    /** The seq values the emulator received for the sub-device, in the order it received them. */
    static List<Long> seqs(OneNetEmulator emulator, SubDevice device) {
        return emulator.record().subDevicePosts().stream().filter(post -> device.equals(post.device()))
                .flatMap(post -> post.points().stream()).filter(point -> point.streamId().equals("seq"))
                .map(Datapoint::value).map(value -> Long.parseLong(value.toString())).toList();
    }

    private static List<Long> seqs(SubDevice device) {
        return seqs(onenet, device);
    }

    /**
     * pack/post and history/post at the connection's rate: n messages span at least (n - 1) / RATE seconds at the
     * emulator. A fifth below it is allowed, since a busy machine delays arrivals unevenly; the pace itself is
     * PacerTest's, on a clock the test moves.
     */
    private static void assertPacedAtRate() {
        List<Instant> times = onenet.record().subDevicePosts().stream()
                .collect(Collectors.toMap(SubDevicePost::requestId, SubDevicePost::receivedAt, (a, b) -> a))
                .values().stream().sorted().toList();
        assertThat(times).as("batches sent").hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(times.get(0), times.get(times.size() - 1)).toMillis())
                .as("%d batches at %d a second, ms", times.size(), RATE)
                .isGreaterThanOrEqualTo(800L * (times.size() - 1) / RATE);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ThingReply awaitReply(String id) {
        await().atMost(WAIT).until(() -> reply(id).isPresent());
        return reply(id).orElseThrow();
    }

    private static Optional<ThingReply> reply(String id) {
        return onenet.record().thingReplies().stream().filter(reply -> reply.id().equals(id)).findFirst();
    }
}
