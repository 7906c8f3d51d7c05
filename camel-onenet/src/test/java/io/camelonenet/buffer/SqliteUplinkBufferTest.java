package io.camelonenet.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteUplinkBufferTest {

    @TempDir
    Path dir;

    @Test
    void should_hand_out_in_order_and_delete_only_what_was_acknowledged() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            for (int i = 1; i <= 5; i++) {
                buffer.append("$dp", bytes("m" + i));
            }

            List<BufferedMessage> first = buffer.next(3);
            buffer.attempting(first.get(0).id(), first.get(2).id());
            buffer.acknowledge(first.get(1).id());

            assertThat(first).extracting(m -> text(m.payload())).containsExactly("m1", "m2", "m3");
            List<BufferedMessage> second = buffer.next(10);
            assertThat(second).extracting(m -> text(m.payload())).containsExactly("m3", "m4", "m5");
            assertThat(buffer.count()).isEqualTo(3);
            assertThat(buffer.counters().acknowledged()).isEqualTo(2);
            buffer.attempting(second.get(0).id(), second.get(2).id());
            buffer.acknowledge(second.get(2).id());
            assertThat(buffer.counters().duplicates()).as("m3's publish was started twice").isEqualTo(1);
        }
    }

    @Test
    void should_keep_unacknowledged_messages_across_a_restart_and_count_possible_duplicates() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            buffer.append("$dp", bytes("a"));
            buffer.append("$dp", bytes("b"));
            buffer.next(1);
            buffer.attempting(1, 1);
        }
        try (SqliteUplinkBuffer reopened = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            List<BufferedMessage> messages = reopened.next(10);

            assertThat(messages).extracting(m -> text(m.payload())).containsExactly("a", "b");
            assertThat(messages.get(0).attempts()).isEqualTo(1);
            assertThat(reopened.bytes()).isEqualTo(2);
            reopened.attempting(messages.get(0).id(), messages.get(1).id());
            reopened.acknowledge(messages.get(1).id());
            assertThat(reopened.counters().duplicates()).as("a was attempted before the crash and again").isEqualTo(1);
        }
    }

    @Test
    void should_not_count_a_retry_of_what_was_never_sent_as_a_duplicate() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            buffer.append("$dp", bytes("a"));
            for (int retry = 0; retry < 5; retry++) {
                List<BufferedMessage> batch = buffer.next(10);
                buffer.attempting(batch.get(0).id(), batch.get(0).id());
                buffer.notSent(batch.get(0).id(), batch.get(0).id());
            }
            buffer.attempting(1, 1);
            buffer.acknowledge(1);

            assertThat(buffer.counters().duplicates()).isZero();
        }
    }

    @Test
    void should_drop_the_oldest_when_full_and_count_them() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 10, FullPolicy.DROP_OLDEST)) {
            for (int i = 0; i < 8; i++) {
                buffer.append("$dp", bytes("abcd" + i));
            }

            assertThat(buffer.bytes()).isLessThanOrEqualTo(10);
            assertThat(buffer.next(10)).extracting(m -> text(m.payload())).containsExactly("abcd6", "abcd7");
            assertThat(buffer.counters().dropped()).isEqualTo(6);
            assertThat(buffer.counters().stored()).isEqualTo(8);
        }
    }

    @Test
    void should_refuse_new_messages_when_full_if_told_so() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 10, FullPolicy.REFUSE_NEW)) {
            buffer.append("$dp", bytes("12345"));
            buffer.append("$dp", bytes("67890"));

            assertThatThrownBy(() -> buffer.append("$dp", bytes("x")))
                    .isInstanceOf(BufferFullException.class)
                    .hasMessage("uplink buffer is full (10 of 10 bytes); the new message is refused");
            assertThat(buffer.next(10)).extracting(m -> text(m.payload())).containsExactly("12345", "67890");
            assertThat(buffer.counters().dropped()).isEqualTo(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void a_chatty_device_drops_its_own_oldest_and_never_evicts_a_quiet_device_within_its_share() {
        // 10 bytes a message; room for 20
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 200, FullPolicy.DROP_OLDEST)) {
            for (int i = 0; i < 5; i++) {
                buffer.append("quiet", "$dp", "quiet-%04d".formatted(i).getBytes());
            }
            for (int i = 0; i < 100; i++) {
                buffer.append("chatty", "$dp", "chatt-%04d".formatted(i).getBytes());
            }

            assertThat(buffer.count("quiet")).isEqualTo(5);
            assertThat(buffer.count("chatty")).isEqualTo(15);
            assertThat(buffer.next("chatty", 0, 100)).extracting(m -> new String(m.payload()))
                    .first().isEqualTo("chatt-0085");
            assertThat(buffer.counters("chatty").dropped()).isEqualTo(85);
            assertThat(buffer.counters("quiet").dropped()).isZero();
        }
    }

    @Test
    void a_device_within_its_share_takes_room_from_the_device_holding_the_most() {
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 200, FullPolicy.REFUSE_NEW)) {
            for (int i = 0; i < 20; i++) {
                buffer.append("dead", "$dp", "dead-%05d".formatted(i).getBytes());
            }
            assertThatThrownBy(() -> buffer.append("dead", "$dp", "dead-99999".getBytes()))
                    .isInstanceOf(BufferFullException.class).hasMessageContaining("refused");

            buffer.append("alive", "$dp", "live-00001".getBytes());

            assertThat(buffer.count("alive")).isEqualTo(1);
            assertThat(buffer.count("dead")).isEqualTo(19);
            assertThat(buffer.next("dead", 0, 1)).extracting(m -> new String(m.payload())).containsExactly("dead-00001");
            assertThat(buffer.bytes()).isLessThanOrEqualTo(200);
        }
    }
}
