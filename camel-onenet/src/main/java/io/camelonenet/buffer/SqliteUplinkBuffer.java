package io.camelonenet.buffer;

import io.camelonenet.support.PrivateFiles;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link UplinkBuffer} on SQLite (xerial sqlite-jdbc): write-ahead journal with {@code synchronous=FULL}, so a
 * committed append survives a SIGKILL and a power cut, and a torn write is rolled back by SQLite, never half-read.
 * One connection, used under this object's lock: SQLite has one writer anyway.
 * <p>
 * Over 300 lines because every write of the {@link UplinkBuffer} contract (appends committed together, attempt marks,
 * deletions) is one transaction on that connection that must update the tallies ({@link BufferTallies}) inside it;
 * the file's integrity on opening is {@link BufferIntegrity}.
 */
public final class SqliteUplinkBuffer implements UplinkBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteUplinkBuffer.class);

    static final String FILE_NAME = "uplink.db";

    private final Connection db;
    private final BufferIntegrity integrity;
    private volatile String writeProblem;
    private final long maxBytes;
    private final FullPolicy policy;
    /** What it holds, in all and per device (for its share of the bound and its own order); guarded by this. */
    private final BufferTallies tallies = new BufferTallies();
    /** Commits the appends that arrive meanwhile together, on its own thread. */
    private final GroupCommits writer;

    /** Device ids are short (legacy: digits; current platform: 64 characters at most); longer is a mistake. */
    static final int MAX_DEVICE_LENGTH = 128;

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
            PrivateFiles.createDirectories(directory);
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
        writer = new GroupCommits("onenet-buffer-writer", this::commitGroup);
        if (tallies.count() > 0) {
            LOG.info("Uplink buffer in {} holds {} messages ({} bytes) from before: they go first", directory,
                    tallies.count(), tallies.bytes());
        }
    }

    private void readTotals(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet totals = sql.executeQuery(
                     "SELECT device, COUNT(*), COALESCE(SUM(LENGTH(payload)), 0) FROM uplink GROUP BY device")) {
            while (totals.next()) {
                tallies.holds(totals.getString(1), totals.getLong(2), totals.getLong(3));
            }
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
    public long append(String topic, byte[] payload) {
        return append(SINGLE_DEVICE, topic, payload);
    }

    /**
     * Stores durably and returns once the reading is committed, in the writer's next group: appenders on several
     * threads (a gateway's parallel uplink) share one transaction and one disk sync instead of queueing for one each.
     */
    @Override
    public long append(String device, String topic, byte[] payload) {
        CompletableFuture<Long> stored = new CompletableFuture<>();
        appendThen(device, topic, payload, (id, failure) -> {
            if (failure != null) {
                stored.completeExceptionally(failure);
            } else {
                stored.complete(id);
            }
        });
        try {
            // uninterruptibly: once handed over, the reading is stored or refused within one transaction
            return stored.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /**
     * Stores durably without waiting: the reading joins the writer's next group, and {@code outcome} is told (on the
     * writer's thread) once that group committed, or why the reading was refused (counted as dropped before). Waits
     * only while the readings not yet written are at their bound in bytes.
     */
    @Override
    public void appendThen(String device, String topic, byte[] payload, AppendOutcome outcome) {
        AppendOutcome counted = (id, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    tallies.refused(device);
                }
            }
            outcome.done(id, failure);
        };
        if (device.length() > MAX_DEVICE_LENGTH) {
            // counted in all only: a share per mistaken id would grow with every one
            tallies.counters.dropped.incrementAndGet();
            outcome.done(0, new IllegalArgumentException("a device id of " + device.length()
                    + " characters (at most " + MAX_DEVICE_LENGTH + ")"));
            return;
        }
        PendingAppend append = new PendingAppend(device, topic, payload, counted);
        if (writer.isWriter()) {
            // from an outcome: a route that goes on after the buffer and appends again
            writer.commitAndTell(List.of(append));
        } else {
            writer.submit(append);
        }
    }

    /** One transaction for a group of appends; each is stored or refused. Runs on the writer. */
    private synchronized void commitGroup(List<PendingAppend> group) {
        if (db == null) {
            group.forEach(append -> append.refused(new BufferUnavailableException("reading not stored, counted as "
                    + "dropped: " + writeProblem, null)));
            return;
        }
        try {
            db.setAutoCommit(false);
            for (PendingAppend append : group) {
                try {
                    append.stored(store(append));
                } catch (BufferFullException refused) {
                    append.refused(refused);
                }
            }
            db.commit();
            writeProblem = null;
            tallies.committed();
            for (PendingAppend append : group) {
                if (!append.isRefused()) {
                    tallies.storedCommitted(append.device);
                }
            }
        } catch (SQLException e) {
            // a full disk or a read-only directory: the readings are lost, and say so
            rollbackQuietly();
            rereadTotals();
            writeProblem = "cannot store in " + integrity + ": " + e.getMessage();
            for (PendingAppend append : group) {
                if (!append.isRefused()) {
                    append.refused(new BufferUnavailableException("reading not stored, counted as dropped: "
                            + e.getMessage(), e));
                }
            }
        } finally {
            tallies.rolledBack();
            autoCommitQuietly();
        }
    }

    /** Inserts one reading inside the open transaction; the tallies follow at once, the counters after the commit. */
    private long store(PendingAppend append) throws SQLException {
        BufferTallies.DeviceShare share = tallies.share(append.device);
        int length = append.payload.length;
        if (length > maxBytes) {
            throw new BufferFullException("a message of " + length + " bytes is larger than the whole buffer ("
                    + maxBytes + " bytes)");
        }
        if (tallies.bytes() + length > maxBytes) {
            makeRoom(share, length);
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO uplink (topic, payload, stored_at, device) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, append.topic);
            insert.setBytes(2, append.payload);
            insert.setLong(3, System.currentTimeMillis());
            insert.setString(4, append.device);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                tallies.stored(share, length);
                return key.getLong(1);
            }
        }
    }

    /** After a rolled-back transaction: the tallies as the file has them. */
    private void rereadTotals() {
        tallies.clear();
        try {
            readTotals(db);
        } catch (SQLException e) {
            LOG.debug("re-reading the buffer's totals: {}", e.getMessage());
        }
    }

    /**
     * Makes room for {@code needed} bytes of {@code device} under the one global bound, fairly: each device with
     * messages waiting has an equal share of the bound. A device over its share pays for its own new message (its
     * oldest are dropped, or with refuse-new the new one is refused); a device within its share takes the room from
     * the device that holds the most (that device's oldest go). So one chatty or dead device cannot evict the
     * others' readings. With one device this is the plain full policy.
     */
    private void makeRoom(BufferTallies.DeviceShare device, int needed) throws SQLException {
        long fairShare = tallies.fairShare(device, maxBytes);
        long dropped = 0;
        try (PreparedStatement oldest = db.prepareStatement(
                     "SELECT id, LENGTH(payload) FROM uplink WHERE device = ? ORDER BY id LIMIT 64");
             PreparedStatement delete = db.prepareStatement("DELETE FROM uplink WHERE id = ?")) {
            while (tallies.bytes() + needed > maxBytes) {
                boolean overShare = device.bytes + needed > fairShare;
                BufferTallies.DeviceShare victim = overShare && device.count > 0 ? device : tallies.largest();
                if (overShare && policy == FullPolicy.REFUSE_NEW || victim.count == 0) {
                    throw new BufferFullException("uplink buffer is full (" + tallies.bytes() + " of " + maxBytes
                            + " bytes" + (tallies.devices() > 1
                            ? "; device " + device.device + " holds " + device.bytes
                            + ", its share is " + fairShare : "") + "); the new message is refused");
                }
                oldest.setString(1, victim.device);
                try (ResultSet rows = oldest.executeQuery()) {
                    while (rows.next() && tallies.bytes() + needed > maxBytes) {
                        delete.setLong(1, rows.getLong(1));
                        delete.executeUpdate();
                        // counted once the transaction commits
                        tallies.droppedToMakeRoom(victim, rows.getLong(2));
                        dropped++;
                    }
                }
            }
        }
        LOG.warn("Uplink buffer full ({} bytes): dropped the {} oldest messages{}", maxBytes, dropped,
                tallies.devices() > 1 ? " of the device holding the most" : "");
    }

    @Override
    public synchronized List<BufferedMessage> next(long afterId, int max) {
        return select("SELECT id, topic, payload, attempts FROM uplink WHERE id > ? ORDER BY id LIMIT ?", null,
                afterId, max);
    }

    @Override
    public synchronized List<BufferedMessage> next(String device, long afterId, int max) {
        return select("SELECT id, topic, payload, attempts FROM uplink WHERE device = ? AND id > ? ORDER BY id LIMIT ?",
                device, afterId, max);
    }

    private List<BufferedMessage> select(String query, String device, long afterId, int max) {
        List<BufferedMessage> messages = new ArrayList<>(Math.min(max, 256));
        if (db == null) {
            return messages;
        }
        try (PreparedStatement select = db.prepareStatement(query)) {
            int index = 1;
            if (device != null) {
                select.setString(index++, device);
            }
            select.setLong(index++, afterId);
            select.setInt(index, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(new BufferedMessage(rows.getLong(1), rows.getString(2), rows.getBytes(3),
                            rows.getInt(4)));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uplink buffer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void attempting(long fromId, long toId) {
        setAttempts("attempts + 1", null, fromId, toId);
    }

    @Override
    public synchronized void attempting(Map<String, IdRange> rangesByDevice) {
        if (db == null || rangesByDevice.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = db.prepareStatement(
                "UPDATE uplink SET attempts = attempts + 1 WHERE device = ? AND id BETWEEN ? AND ?")) {
            db.setAutoCommit(false);
            for (Map.Entry<String, IdRange> range : rangesByDevice.entrySet()) {
                mark.setString(1, range.getKey());
                mark.setLong(2, range.getValue().fromId());
                mark.setLong(3, range.getValue().toId());
                mark.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            writeProblem = "cannot mark attempts in " + integrity + ": " + e.getMessage();
            throw new IllegalStateException("cannot mark attempts in the uplink buffer: " + e.getMessage(), e);
        } finally {
            autoCommitQuietly();
        }
    }

    @Override
    public synchronized void notSent(long fromId, long toId) {
        setAttempts("MAX(attempts - 1, 0)", null, fromId, toId);
    }

    @Override
    public synchronized void notSent(String device, long fromId, long toId) {
        setAttempts("MAX(attempts - 1, 0)", device, fromId, toId);
    }

    private void setAttempts(String expression, String device, long fromId, long toId) {
        if (db == null) {
            return;
        }
        try (PreparedStatement mark = db.prepareStatement("UPDATE uplink SET attempts = " + expression
                + " WHERE " + (device != null ? "device = ? AND " : "") + "id BETWEEN ? AND ?")) {
            int index = 1;
            if (device != null) {
                mark.setString(index++, device);
            }
            mark.setLong(index++, fromId);
            mark.setLong(index, toId);
            mark.executeUpdate();
        } catch (SQLException e) {
            writeProblem = "cannot mark attempts in " + integrity + ": " + e.getMessage();
            throw new IllegalStateException("cannot mark attempts in the uplink buffer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void acknowledge(long id) {
        acknowledge(Map.of(), id);
    }

    @Override
    public synchronized void acknowledge(Map<String, Long> upToIdByDevice) {
        if (!upToIdByDevice.isEmpty()) {
            acknowledge(upToIdByDevice, -1);
        }
    }

    /**
     * Deletes what was delivered in one transaction: every message up to {@code allUpTo} (the single device's
     * forwarder), or each device's up to its id (a gateway's), and counts them.
     */
    private void acknowledge(Map<String, Long> byDevice, long allUpTo) {
        if (db == null) {
            return;
        }
        String where = byDevice.isEmpty() ? "id <= ?" : "device = ? AND id <= ?";
        try (PreparedStatement totals = db.prepareStatement(
                "SELECT device, COUNT(*), COALESCE(SUM(LENGTH(payload)), 0), COUNT(CASE WHEN attempts > 1 THEN 1 END) "
                        + "FROM uplink WHERE " + where + " GROUP BY device");
             PreparedStatement delete = db.prepareStatement("DELETE FROM uplink WHERE " + where)) {
            db.setAutoCommit(false);
            if (byDevice.isEmpty()) {
                deleteCounted(totals, delete, null, allUpTo);
            } else {
                for (Map.Entry<String, Long> device : byDevice.entrySet()) {
                    deleteCounted(totals, delete, device.getKey(), device.getValue());
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            writeProblem = "cannot delete acknowledged messages in " + integrity + ": " + e.getMessage();
            throw new IllegalStateException("cannot acknowledge in the uplink buffer: " + e.getMessage(), e);
        } finally {
            autoCommitQuietly();
        }
    }

    private void deleteCounted(PreparedStatement totals, PreparedStatement delete, String device, long upTo)
            throws SQLException {
        int index = 1;
        if (device != null) {
            totals.setString(index, device);
            delete.setString(index++, device);
        }
        totals.setLong(index, upTo);
        delete.setLong(index, upTo);
        try (ResultSet rows = totals.executeQuery()) {
            while (rows.next()) {
                // delivered after more than one attempt that may have gone out: the broker may have it twice.
                // Counted once per message here, not at each hand-out, so retries during an outage do not inflate it
                tallies.acknowledged(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
            }
        }
        delete.executeUpdate();
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    private void autoCommitQuietly() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("auto-commit: {}", e.getMessage());
        }
    }

    @Override
    public synchronized List<String> devicesWaiting() {
        return tallies.devicesWaiting();
    }

    @Override
    public synchronized long count(String device) {
        return tallies.count(device);
    }

    @Override
    public synchronized BufferCounters counters(String device) {
        return tallies.share(device).counters;
    }

    @Override
    public synchronized long count() {
        return tallies.count();
    }

    @Override
    public synchronized long oldestStoredAt() {
        if (db == null || tallies.count() == 0) {
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
        return tallies.bytes();
    }

    @Override
    public BufferCounters counters() {
        return tallies.counters;
    }

    /** Stores what the writer still holds, then closes the file. */
    @Override
    public void close() {
        writer.close();
        // what is appended from now on is refused: readiness says so rather than waiting for a write to fail
        writeProblem = "the buffer is closed";
        closeFile();
    }

    private synchronized void closeFile() {
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
