package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the platform refuses through the {@code onenet:} sink is kept, never only logged: by default as the app keeps
 * it (a JSON file each in the dead-letter folder), or sent where {@code deadLetterUri} says. The readings after it
 * still go up.
 */
class OneNetComponentDeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = Base64.getEncoder().encodeToString("letters-device-key".getBytes());

    @TempDir
    Path workDir;

    @Test
    void should_keep_a_refused_reading_in_the_dead_letter_files_by_default() throws Exception {
        Path letters = workDir.resolve("letters");
        try (OneNetEmulator onenet = emulator()) {
            Main main = host(onenet, "deadLetterDir=" + letters);
            try {
                await().atMost(WAIT).until(() -> files(letters).size() == 1 && onenet.record().posts().stream()
                        .anyMatch(post -> post.accepted() && post.datapoints().get(0).streamId().equals("good")));
                Path letter = files(letters).get(0);
                assertThat(Files.readString(letter)).contains("\"routeId\":\"onenet:letters01\"")
                        .contains("\\\"bad\\\"").contains("PlatformRejectedException");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(letter)))
                        .isEqualTo("rw-------");
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void should_send_a_refused_reading_where_the_dead_letter_uri_says() throws Exception {
        List<Exchange> received = new CopyOnWriteArrayList<>();
        try (OneNetEmulator onenet = emulator()) {
            Main main = host(onenet, "deadLetterUri=direct:my-letters", new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:my-letters").process(received::add);
                }
            });
            try {
                await().atMost(WAIT).until(() -> !received.isEmpty());
                Exchange letter = received.get(0);
                assertThat(letter.getMessage().getBody(String.class)).contains("\"bad\"");
                assertThat(letter.getMessage().getHeader("OneNetDeviceId")).isEqualTo("letters01");
                assertThat(letter.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                        .hasMessageContaining("rejected: err_code 98");
                assertThat(workDir.resolve("data")).doesNotExist();
            } finally {
                main.stop();
            }
        }
    }

    private static OneNetEmulator emulator() {
        return OneNetEmulator.builder().studioDevice("lettersProd", "letters01", KEY).rejectDatastream("bad")
                .build().start();
    }

    /** One refused reading, then good ones, into a studio device with the given options. */
    private Main host(OneNetEmulator onenet, String options, RouteBuilder... more) throws Exception {
        AtomicInteger readings = new AtomicInteger();
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        String device = "onenet:letters01?protocol=studio&productId=lettersProd&brokerUrl=" + onenet.brokerUrl()
                + "&deviceKey=RAW(" + KEY + ")&bufferDir=" + workDir.resolve("buffer") + "&" + options;
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:readings?period=100&repeatCount=3")
                        .process(exchange -> exchange.getMessage().setBody(
                                readings.incrementAndGet() == 1 ? Map.of("bad", 1) : Map.of("good", 2)))
                        .to(device);
            }
        });
        for (RouteBuilder routes : more) {
            main.configure().addRoutesBuilder(routes);
        }
        main.start();
        return main;
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
