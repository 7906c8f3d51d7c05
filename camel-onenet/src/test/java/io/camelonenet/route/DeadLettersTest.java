package io.camelonenet.route;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @TempDir
    Path directory;
    private final CamelContext context = new DefaultCamelContext();

    @Test
    void the_oldest_letters_are_deleted_first_to_stay_within_the_bound() throws Exception {
        DeadLetters letters = new DeadLetters(directory, 1000);
        for (int i = 0; i < 10; i++) {
            write(letters, "%03d".formatted(i) + "x".repeat(297));
        }

        assertThat(names()).hasSize(3);
        assertThat(names().stream().map(this::read)).allMatch(text -> text.length() == 300)
                .map(text -> text.substring(0, 3)).containsExactly("007", "008", "009");
        assertThat(letters.dropped()).isEqualTo(7);
        assertThat(letters.bytes()).isEqualTo(900);
    }

    @Test
    void a_letter_larger_than_the_whole_bound_is_not_kept_and_the_others_stay() throws Exception {
        DeadLetters letters = new DeadLetters(directory, 1000);
        write(letters, "small");

        Exchange huge = exchange("x".repeat(1001));
        letters.makeRoom(huge);

        assertThat(huge.isRouteStop()).isTrue();
        assertThat(letters.dropped()).isEqualTo(1);
        assertThat(names()).hasSize(1);
    }

    @Test
    void letters_already_on_disk_count_and_other_files_are_left_alone() throws Exception {
        Files.writeString(directory.resolve("20200101-000000-000-old.json"), "x".repeat(600));
        Files.writeString(directory.resolve("notes.txt"), "y".repeat(5000));
        DeadLetters letters = new DeadLetters(directory, 1000);

        write(letters, "z".repeat(600));

        assertThat(Files.exists(directory.resolve("20200101-000000-000-old.json"))).isFalse();
        assertThat(Files.exists(directory.resolve("notes.txt"))).isTrue();
        assertThat(letters.dropped()).isEqualTo(1);
    }

    @Test
    void a_letter_is_named_by_its_time_and_exchange_never_by_the_message() throws Exception {
        DeadLetters letters = new DeadLetters(directory, 1000);
        Exchange exchange = exchange("{}");
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "../../etc/passwd");

        letters.makeRoom(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class))
                .matches("\\d{8}-\\d{6}-\\d{3}-[A-Za-z0-9_-]+\\.json").endsWith(exchange.getExchangeId() + ".json");
    }

    /** As the dead-letter route does: room made, then the file written under the name given. */
    private void write(DeadLetters letters, String letter) throws Exception {
        Exchange exchange = exchange(letter);
        letters.makeRoom(exchange);
        Files.writeString(directory.resolve(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class)), letter);
    }

    private Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private List<Path> names() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
