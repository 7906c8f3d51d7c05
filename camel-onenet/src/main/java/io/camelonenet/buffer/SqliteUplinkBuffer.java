package io.camelonenet.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link UplinkBuffer} on SQLite (xerial sqlite-jdbc): write-ahead journal with {@code synchronous=FULL}, so a
 * committed append survives a SIGKILL and a power cut, and a torn write is rolled back by SQLite, never half-read.
 * One connection, used under this object's lock: SQLite has one writer anyway.
 */
public final class SqliteUplinkBuffer implements UplinkBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteUplinkBuffer.class);

    static final String FILE_NAME = "uplink.db";

    private final Connection db;
    private final BufferIntegrity integrity;
    private volatile String writeProblem;
    private final long maxBytes;
    private final FullPolicy policy;
    private final BufferCounters counters = new BufferCounters();
    private long count;
    private long bytes;

    /** Extracts and links SQLite's native library now rather than at the first open (see the app's start-up). */
    public static void loadNativeLibrary() throws Exception {
        SQLiteJDBCLoader.initialize();
    }

    public SqliteUplinkBuffer(Path directory, long maxBytes, FullPolicy policy) {
        this(directory, maxBytes, policy, Durability.FULL);
    }

    public SqliteUplinkBuffer(Path directory, long maxBytes, FullPolicy policy, Durability durability) {
        this.maxBytes = maxBytes;
        this.policy = policy;
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        this.integrity = new BufferIntegrity(file);
        Connection opened = null;
        try {
            Files.createDirectories(directory);
            if (!Files.isWritable(directory)) {
                throw new IOException("the directory is not writable");
            }
            opened = integrity.open(durability);
            readTotals(opened);
        } catch (SQLException | IOException e) {
            // a read-only or full disk: the app runs, refuses every reading and counts it, and readiness says why
            writeProblem = "cannot open " + file + ": " + e.getMessage();
            LOG.error("Uplink buffer unavailable: {}; every reading is refused and counted as dropped", writeProblem);
            BufferIntegrity.closeQuietly(opened);
            opened = null;
        }
        db = opened;
        if (count > 0) {
            LOG.info("Uplink buffer in {} holds {} messages ({} bytes) from before: they go first", directory, count,
                    bytes);
        }
    }

    private void readTotals(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet totals = sql.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(payload)), 0) FROM uplink")) {
            totals.next();
            count = totals.getLong(1);
            bytes = totals.getLong(2);
        }
    }

    /** What was found damaged when the buffer opened (files set aside, readings lost); empty when it opened clean. */
    @Override
    public List<String> damage() {
        return integrity.damage();
    }

    /** Why the last write failed (a full disk, a read-only directory), or {@code null} since a write succeeded. */
    @Override
    public String writeProblem() {
        return writeProblem;
    }

    @Override
    public synchronized long append(String topic, byte[] payload) {
        if (db == null) {
            counters.dropped.incrementAndGet();
            throw new BufferUnavailableException("reading not stored, counted as dropped: " + writeProblem, null);
        }
        if (payload.length > maxBytes) {
            counters.dropped.incrementAndGet();
            throw new BufferFullException("a message of " + payload.length + " bytes is larger than the whole buffer ("
                    + maxBytes + " bytes)");
        }
        try {
            if (bytes + payload.length > maxBytes) {
                makeRoom(payload.length);
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO uplink (topic, payload, stored_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, topic);
                insert.setBytes(2, payload);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    count++;
                    bytes += payload.length;
                    counters.stored.incrementAndGet();
                    writeProblem = null;
                    return key.getLong(1);
                }
            }
        } catch (SQLException e) {
            // a full disk or a read-only directory: the reading is lost, and says so
            counters.dropped.incrementAndGet();
            writeProblem = "cannot store in " + integrity + ": " + e.getMessage();
            throw new BufferUnavailableException("reading not stored, counted as dropped: " + e.getMessage(), e);
        }
    }

    private void makeRoom(int needed) throws SQLException {
        if (policy == FullPolicy.REFUSE_NEW) {
            counters.dropped.incrementAndGet();
            throw new BufferFullException("uplink buffer is full (" + bytes + " of " + maxBytes
                    + " bytes); the new message is refused");
        }
        long dropped = 0;
        db.setAutoCommit(false);
        try (PreparedStatement oldest = db.prepareStatement("SELECT id, LENGTH(payload) FROM uplink ORDER BY id LIMIT 64");
             PreparedStatement delete = db.prepareStatement("DELETE FROM uplink WHERE id = ?")) {
            while (bytes + needed > maxBytes && count > 0) {
                try (ResultSet rows = oldest.executeQuery()) {
                    while (rows.next() && bytes + needed > maxBytes) {
                        delete.setLong(1, rows.getLong(1));
                        delete.executeUpdate();
                        bytes -= rows.getLong(2);
                        count--;
                        dropped++;
                    }
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        counters.dropped.addAndGet(dropped);
        LOG.warn("Uplink buffer full ({} bytes): dropped the {} oldest messages", maxBytes, dropped);
    }

    @Override
    public synchronized List<BufferedMessage> next(long afterId, int max) {
        List<BufferedMessage> messages = new ArrayList<>(Math.min(max, 256));
        if (db == null) {
            return messages;
        }
        try {
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id, topic, payload, attempts FROM uplink WHERE id > ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId);
                select.setInt(2, max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new BufferedMessage(rows.getLong(1), rows.getString(2), rows.getBytes(3),
                                rows.getInt(4)));
                    }
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uplink buffer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void attempting(long fromId, long toId) {
        setAttempts("attempts + 1", fromId, toId);
    }

    @Override
    public synchronized void notSent(long fromId, long toId) {
        setAttempts("MAX(attempts - 1, 0)", fromId, toId);
    }

    private void setAttempts(String expression, long fromId, long toId) {
        if (db == null) {
            return;
        }
        try (PreparedStatement mark = db.prepareStatement(
                "UPDATE uplink SET attempts = " + expression + " WHERE id BETWEEN ? AND ?")) {
            mark.setLong(1, fromId);
            mark.setLong(2, toId);
            mark.executeUpdate();
        } catch (SQLException e) {
            writeProblem = "cannot mark attempts in " + integrity + ": " + e.getMessage();
            throw new IllegalStateException("cannot mark attempts in the uplink buffer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void acknowledge(long id) {
        if (db == null) {
            return;
        }
        try (PreparedStatement totals = db.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(LENGTH(payload)), 0), COUNT(CASE WHEN attempts > 1 THEN 1 END) "
                        + "FROM uplink WHERE id <= ?");
             PreparedStatement delete = db.prepareStatement("DELETE FROM uplink WHERE id <= ?")) {
            totals.setLong(1, id);
            long removed;
            long removedBytes;
            try (ResultSet rows = totals.executeQuery()) {
                rows.next();
                removed = rows.getLong(1);
                removedBytes = rows.getLong(2);
                // delivered after more than one attempt that may have gone out: the broker may have it twice.
                // Counted once per message here, not at each hand-out, so retries during an outage do not inflate it
                counters.duplicates.addAndGet(rows.getLong(3));
            }
            delete.setLong(1, id);
            delete.executeUpdate();
            count -= removed;
            bytes -= removedBytes;
            counters.acknowledged.addAndGet(removed);
        } catch (SQLException e) {
            writeProblem = "cannot delete acknowledged messages in " + integrity + ": " + e.getMessage();
            throw new IllegalStateException("cannot acknowledge in the uplink buffer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized long oldestStoredAt() {
        if (db == null || count == 0) {
            return 0;
        }
        try (Statement sql = db.createStatement();
             ResultSet oldest = sql.executeQuery("SELECT stored_at FROM uplink ORDER BY id LIMIT 1")) {
            return oldest.next() ? oldest.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public BufferCounters counters() {
        return counters;
    }

    @Override
    public synchronized void close() {
        if (db == null) {
            return;
        }
        try {
            db.close();
            integrity.closed();
        } catch (SQLException | IOException e) {
            LOG.debug("closing the uplink buffer: {}", e.getMessage());
        }
    }
}
