package io.camelonenet.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A buffer whose files were damaged while the app was down: never silent (the damage is reported), never a crash
 * (the buffer opens), the damaged files kept aside, and what can be read recovered. The "killed" state is a copy of
 * the files of a buffer that is still open, as a SIGKILL leaves them: the database, its write-ahead log and the marker.
 */
class BufferDamageTest {

    private static final int READINGS = 300;

    @TempDir
    Path live;
    @TempDir
    Path killed;

    @Test
    void should_open_a_killed_buffer_without_damage_and_with_every_reading() throws IOException {
        killedWith(READINGS);

        try (SqliteUplinkBuffer buffer = open(killed)) {
            assertThat(buffer.damage()).isEmpty();
            assertThat(buffer.count()).isEqualTo(READINGS);
            assertThat(keptAside()).isEmpty();
        }
    }

    @Test
    void should_set_a_zeroed_database_aside_and_start_fresh() throws IOException {
        killedWith(READINGS);
        Path db = killed.resolve(SqliteUplinkBuffer.FILE_NAME);
        Files.write(db, new byte[(int) Files.size(db)]);

        try (SqliteUplinkBuffer buffer = open(killed)) {
            assertThat(buffer.damage()).singleElement().asString().contains("is not an SQLite database");
            assertThat(keptAside()).anyMatch(name -> name.startsWith("uplink.db.damaged-"));
            assertWorks(buffer);
        }
    }

    @Test
    void should_report_a_write_ahead_log_deleted_after_an_unclean_stop() throws IOException {
        killedWith(READINGS);
        Files.delete(killed.resolve(SqliteUplinkBuffer.FILE_NAME + "-wal"));

        try (SqliteUplinkBuffer buffer = open(killed)) {
            assertThat(buffer.damage()).singleElement().asString()
                    .contains("write-ahead log uplink.db-wal is missing after an unclean stop");
            assertWorks(buffer);
        }
    }

    @Test
    void should_report_committed_frames_lost_behind_garbage_in_the_log_and_keep_the_log() throws IOException {
        killedWith(READINGS);
        Path wal = killed.resolve(SqliteUplinkBuffer.FILE_NAME + "-wal");
        garble(wal, Files.size(wal) / 2, 4096);

        try (SqliteUplinkBuffer buffer = open(killed)) {
            assertThat(buffer.damage()).singleElement().asString()
                    .contains("committed frames but only").contains("uplink.db-wal.damaged-");
            assertThat(buffer.count()).as("the readings before the damage").isBetween(1L, READINGS - 1L);
            assertThat(keptAside()).anyMatch(name -> name.startsWith("uplink.db-wal.damaged-"));
            assertWorks(buffer);
        }
    }

    @Test
    void should_set_a_database_with_a_corrupt_page_aside_and_recover_what_is_readable() throws IOException {
        try (SqliteUplinkBuffer buffer = open(live)) {
            for (int i = 0; i < READINGS; i++) {
                buffer.append("$dp", reading(i));
            }
        }
        Path db = live.resolve(SqliteUplinkBuffer.FILE_NAME);
        long page = 4096;
        // a page header in the middle of the table: its b-tree cannot be read past it
        garble(db, Files.size(db) / page / 2 * page, 512);

        try (SqliteUplinkBuffer buffer = open(live)) {
            assertThat(buffer.damage()).singleElement().asString().contains("kept as");
            assertThat(buffer.count()).as("readable rows recovered").isLessThan(READINGS);
            try (Stream<Path> files = Files.list(live)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .anyMatch(name -> name.startsWith("uplink.db.damaged-"));
            }
            assertWorks(buffer);
        }
    }

    /** The files of a buffer holding {@code readings}, copied while it is open, as a SIGKILL leaves them. */
    private void killedWith(int readings) throws IOException {
        try (SqliteUplinkBuffer buffer = open(live)) {
            for (int i = 0; i < readings; i++) {
                buffer.append("$dp", reading(i));
            }
            for (String name : List.of("uplink.db", "uplink.db-wal", "uplink.db.open")) {
                Files.copy(live.resolve(name), killed.resolve(name));
            }
        }
    }

    private static SqliteUplinkBuffer open(Path dir) {
        return new SqliteUplinkBuffer(dir, 64L << 20, FullPolicy.DROP_OLDEST);
    }

    private static void assertWorks(SqliteUplinkBuffer buffer) {
        long before = buffer.count();
        buffer.append("$dp", "after".getBytes(StandardCharsets.UTF_8));
        assertThat(buffer.count()).isEqualTo(before + 1);
        List<BufferedMessage> all = buffer.next((int) before + 1);
        assertThat(new String(all.get(all.size() - 1).payload(), StandardCharsets.UTF_8)).isEqualTo("after");
    }

    private List<String> keptAside() throws IOException {
        try (Stream<Path> files = Files.list(killed)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.contains(".damaged-")).toList();
        }
    }

    private static byte[] reading(int i) {
        return ("{\"seq\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void garble(Path file, long at, int length) throws IOException {
        byte[] garbage = new byte[length];
        new Random(42).nextBytes(garbage);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(at);
            raw.write(garbage);
        }
    }
}
