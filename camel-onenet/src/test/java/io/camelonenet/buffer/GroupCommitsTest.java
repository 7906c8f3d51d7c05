package io.camelonenet.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GroupCommitsTest {

    @TempDir
    Path dir;

    @Test
    void should_tell_one_appender_that_does_not_wait_of_each_reading_only_once_another_connection_can_read_it()
            throws Exception {
        int readings = 2000;
        List<String> tooEarly = new CopyOnWriteArrayList<>();
        List<Long> ids = new CopyOnWriteArrayList<>();
        try (SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 26, FullPolicy.DROP_OLDEST);
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteUplinkBuffer.FILE_NAME));
             PreparedStatement committed = reader.prepareStatement("SELECT COUNT(*) FROM uplink WHERE id = ?")) {
            for (int i = 0; i < readings; i++) {
                buffer.appendThen(UplinkBuffer.SINGLE_DEVICE, "$dp", ("reading " + i).getBytes(), (id, failure) -> {
                    if (failure != null || !visible(committed, id)) {
                        tooEarly.add(id + " " + failure);
                    }
                    ids.add(id);
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.size() == readings);

            assertThat(tooEarly).as("readings told stored before another connection saw them").isEmpty();
            assertThat(ids).as("told in the order offered").isSorted().doesNotHaveDuplicates();
            assertThat(buffer.counters().stored()).isEqualTo(readings);
            assertThat(buffer.next(readings + 1)).hasSize(readings);
        }
    }

    @Test
    void should_store_the_readings_that_arrive_during_a_commit_in_the_next_one_together() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> groups = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Long> told = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        try (GroupCommits commits = new GroupCommits("test-writer", group -> {
            groups.add(group.size());
            firstCommitStarted.countDown();
            awaitQuietly(release);
            group.forEach(append -> append.stored(next.incrementAndGet()));
        })) {
            commits.submit(pending(10, told));
            firstCommitStarted.await();
            for (int i = 0; i < 50; i++) {
                commits.submit(pending(10, told));
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 51);
        }

        assertThat(groups).as("one commit under way, then one for all fifty that arrived meanwhile")
                .containsExactly(1, 50);
    }

    @Test
    void should_keep_an_appender_waiting_while_the_bytes_not_yet_written_are_at_the_bound() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> told = new ConcurrentLinkedQueue<>();
        int megabyte = 1 << 20;
        try (GroupCommits commits = new GroupCommits("test-writer", group -> {
            writing.countDown();
            awaitQuietly(release);
            group.forEach(append -> append.stored(1));
        })) {
            // the first is taken by the writer, which then blocks; four more fill the bound of 4 MiB
            commits.submit(pending(megabyte, told));
            writing.await();
            for (int i = 0; i < 4; i++) {
                commits.submit(pending(megabyte, told));
            }
            Thread appender = new Thread(() -> commits.submit(pending(megabyte, told)));
            appender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> appender.getState() == Thread.State.WAITING);
            assertThat(told).isEmpty();

            release.countDown();
            appender.join(Duration.ofSeconds(10).toMillis());
            await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 6);
            assertThat(appender.isAlive()).isFalse();
        }
    }

    @Test
    void should_refuse_and_count_what_is_appended_after_close() throws Exception {
        SqliteUplinkBuffer buffer = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST);
        buffer.append("$dp", "before".getBytes());
        buffer.close();
        List<RuntimeException> refusals = new CopyOnWriteArrayList<>();

        buffer.appendThen(UplinkBuffer.SINGLE_DEVICE, "$dp", "after".getBytes(), (id, failure) -> refusals.add(failure));

        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0)).isInstanceOf(BufferUnavailableException.class).hasMessageContaining("closed");
        assertThat(buffer.counters().dropped()).isEqualTo(1);
        try (SqliteUplinkBuffer reopened = new SqliteUplinkBuffer(dir, 1 << 20, FullPolicy.DROP_OLDEST)) {
            assertThat(reopened.count()).isEqualTo(1);
        }
    }

    private static PendingAppend pending(int bytes, ConcurrentLinkedQueue<Long> told) {
        return new PendingAppend("", "$dp", new byte[bytes], (id, failure) -> told.add(id));
    }

    private static boolean visible(PreparedStatement committed, long id) {
        try {
            committed.setLong(1, id);
            try (ResultSet row = committed.executeQuery()) {
                return row.next() && row.getLong(1) == 1;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
