package io.camelonenet.buffer;

import io.camelonenet.support.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Checks the buffer's files when it opens, so that damage is never silent and never a crash loop. SQLite itself
 * treats an all-zero file as an empty database, silently ignores a write-ahead log that was deleted, and stops
 * replaying a log at its first damaged frame; each of those lost readings without a word. Found here:
 * <ul>
 *   <li>a database file that is empty or shorter than SQLite's header (truncated: SQLite would take it for a new
 *       buffer), that is not SQLite's (its header), or that SQLite refuses to open or finds damaged
 *       ({@code PRAGMA quick_check}): moved aside as {@code uplink.db.damaged-<time>} with its log, the rows still
 *       readable from it copied into a fresh buffer;</li>
 *   <li>a write-ahead log missing after an unclean stop (the marker file {@code uplink.db.open} exists only while a
 *       buffer is open): what was stored since the last checkpoint is gone;</li>
 *   <li>committed frames in the log that SQLite did not replay (a damaged frame before them): the log is kept aside
 *       as {@code uplink.db-wal.damaged-<time>}.</li>
 * </ul>
 * Each finding is logged at ERROR and counted ({@link #damage()}), for the readiness check.
 *
 * <p>Over 300 lines: every kind of damage above is a case of its own, found and reported by a method of its own.
 */
final class BufferIntegrity {

    private static final JDBC DRIVER = new JDBC();

    private static final Logger LOG = LoggerFactory.getLogger(BufferIntegrity.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int WAL_HEADER_BYTES = 32;
    /** An SQLite database begins with a header of this size. */
    private static final int SQLITE_HEADER_BYTES = 100;
    private static final int WAL_FRAME_HEADER_BYTES = 24;

    private final Path db;
    private final Path wal;
    private final Path marker;
    private final List<String> damage = new ArrayList<>();
    private int committedFramesInLog = -1;

    BufferIntegrity(Path db) {
        this.db = db;
        this.wal = db.resolveSibling(db.getFileName() + "-wal");
        this.marker = db.resolveSibling(db.getFileName() + ".open");
    }

    @Override
    public String toString() {
        return db.toString();
    }

    /** What was found damaged at open, one sentence each; empty when the buffer opened clean. */
    List<String> damage() {
        return List.copyOf(damage);
    }

    /**
     * Opens the buffer's database, checked: a damaged one is set aside, and what can be read from it goes into a
     * fresh one. Throws only when the files cannot be opened or written at all (a read-only or full disk).
     */
    Connection open(Durability durability) throws SQLException, IOException {
        beforeOpen();
        String damage;
        Connection connection = null;
        try {
            connection = connect(durability);
            damage = afterOpen(connection);
        } catch (SQLException e) {
            damage = "cannot be opened (" + e.getMessage() + ")";
        }
        if (damage != null) {
            closeQuietly(connection);
            connection = freshWith(setAside(damage), durability);
        }
        // from now on an unclean stop leaves the marker behind
        PrivateFiles.ensureFile(marker);
        Files.writeString(marker, "open\n");
        return connection;
    }

    private Connection connect(Durability durability) throws SQLException {
        try {
            // the database 0600: SQLite gives its log and shared-memory files the database's own permissions
            PrivateFiles.ensureFile(db);
        } catch (IOException e) {
            throw new SQLException("cannot create " + db + ": " + e.getMessage(), e);
        }
        Connection connection = open("jdbc:sqlite:" + db);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("PRAGMA synchronous=" + durability.pragma);
            sql.execute("CREATE TABLE IF NOT EXISTS uplink (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,"
                    + " payload BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                    + " stored_at INTEGER NOT NULL DEFAULT 0, device TEXT NOT NULL DEFAULT '')");
            addColumn(sql, "stored_at", "INTEGER NOT NULL DEFAULT 0");
            addColumn(sql, "device", "TEXT NOT NULL DEFAULT ''");
            // a gateway reads each device's messages in order: (device, id) finds them without a scan
            sql.execute("CREATE INDEX IF NOT EXISTS uplink_device ON uplink (device, id)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Opens through the driver itself, not {@code DriverManager}: under Camel JBang or an application server the
     * driver's class loader is not the one {@code DriverManager} consults ("No suitable driver").
     */
    private static Connection open(String url) throws SQLException {
        return DRIVER.connect(url, new Properties());
    }

    /**
     * Buffers written before a column existed (0.1.0 snapshots) get it with its default: {@code stored_at} 0 for
     * "unknown", {@code device} '' for the single configured device.
     */
    private static void addColumn(Statement sql, String name, String definition) throws SQLException {
        try (ResultSet columns = sql.executeQuery("SELECT 1 FROM pragma_table_info('uplink') WHERE name = '" + name
                + "'")) {
            if (columns.next()) {
                return;
            }
        }
        sql.execute("ALTER TABLE uplink ADD COLUMN " + name + " " + definition);
    }

    /** A fresh database holding the rows recovered from a damaged one, in their order. */
    private Connection freshWith(List<Object[]> recovered, Durability durability) throws SQLException {
        Connection fresh = connect(durability);
        try (PreparedStatement insert = fresh.prepareStatement("INSERT INTO uplink (topic, payload, device) VALUES (?, ?, ?)")) {
            fresh.setAutoCommit(false);
            for (Object[] row : recovered) {
                insert.setString(1, (String) row[0]);
                insert.setBytes(2, (byte[]) row[1]);
                insert.setString(3, (String) row[2]);
                insert.executeUpdate();
            }
            fresh.commit();
        } finally {
            fresh.setAutoCommit(true);
        }
        return fresh;
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it failed to open properly; nothing to keep
            }
        }
    }

    /** Before SQLite opens the files: the header, and the log an unclean stop must have left. */
    private void beforeOpen() throws IOException {
        long size = Files.exists(db) ? Files.size(db) : -1;
        boolean logHasFrames = Files.exists(wal) && Files.size(wal) > WAL_HEADER_BYTES;
        if (size == 0 && !logHasFrames) {
            // SQLite never leaves its database empty once it wrote the table (a fresh one keeps its pages in the log
            // until the first checkpoint): it was truncated, and SQLite would take it for a new, empty buffer
            moveAside("is empty (0 bytes): it was truncated, and whatever it held is lost");
        } else if (size > 0 && size < SQLITE_HEADER_BYTES) {
            moveAside("is shorter than SQLite's header (" + size + " bytes): it was truncated");
        } else if (size > 0 && !hasSqliteHeader()) {
            moveAside("is not an SQLite database (its header is damaged)");
        }
        boolean uncleanStop = Files.exists(marker);
        if (uncleanStop && Files.exists(db) && Files.size(db) > 0 && !Files.exists(wal)) {
            report("the write-ahead log " + wal.getFileName() + " is missing after an unclean stop: what was stored"
                    + " since the last checkpoint is lost");
        }
        if (Files.exists(wal)) {
            committedFramesInLog = committedFrames();
        }
    }

    /**
     * After SQLite opened the files: did it replay every committed frame of the log, and is the database whole?
     * Returns why the database must be {@link #setAside set aside}, or {@code null} when it can be used.
     */
    private String afterOpen(Connection connection) throws IOException {
        try (Statement sql = connection.createStatement()) {
            if (committedFramesInLog > 0) {
                try (ResultSet checkpoint = sql.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    int replayed = checkpoint.next() ? checkpoint.getInt(2) : -1;
                    if (replayed >= 0 && replayed < committedFramesInLog) {
                        // a copy: no writer has touched the log yet (a passive checkpoint only reads it)
                        Path kept = aside(wal);
                        Files.copy(wal, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                        report("the write-ahead log has " + committedFramesInLog + " committed frames but only "
                                + replayed + " could be read (a damaged frame): what was stored after it is lost;"
                                + " the log is kept as " + kept);
                    }
                }
            }
            try (ResultSet check = sql.executeQuery("PRAGMA quick_check(3)")) {
                List<String> findings = new ArrayList<>();
                while (check.next()) {
                    findings.add(check.getString(1).replace('\n', ' ').trim());
                }
                return findings.equals(List.of("ok")) ? null : "is damaged (" + String.join("; ", findings) + ")";
            }
        } catch (SQLException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /**
     * Moves a database that cannot be used aside with its log, logs why, and returns the rows (topic, payload) still
     * readable from it, in order.
     */
    private List<Object[]> setAside(String why) throws IOException {
        Path kept = moveAside(why);
        List<Object[]> rows = new ArrayList<>();
        try (Connection damaged = open("jdbc:sqlite:file:" + kept.toAbsolutePath()
                + "?mode=ro");
             Statement sql = damaged.createStatement();
             ResultSet readable = sql.executeQuery("SELECT topic, payload, device FROM uplink ORDER BY id")) {
            while (readable.next()) {
                rows.add(new Object[] {readable.getString(1), readable.getBytes(2), readable.getString(3)});
            }
        } catch (SQLException e) {
            LOG.warn("Reading rows from the damaged buffer {} stopped: {}", kept, e.getMessage());
        }
        if (!rows.isEmpty()) {
            LOG.error("Recovered {} messages from the damaged buffer {}", rows.size(), kept);
        }
        return rows;
    }

    /** Closed cleanly: SQLite has checkpointed and removed its log. */
    void closed() throws IOException {
        Files.deleteIfExists(marker);
    }

    private Path moveAside(String why) throws IOException {
        Path kept = aside(db);
        Files.move(db, kept, StandardCopyOption.REPLACE_EXISTING);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path companion = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, kept.resolveSibling(kept.getFileName() + suffix),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        report(db + " " + why + "; kept as " + kept + " and replaced by a fresh buffer");
        return kept;
    }

    private void report(String what) {
        damage.add(what);
        LOG.error("Uplink buffer damaged: {}", what);
    }

    private Path aside(Path file) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return file.resolveSibling(file.getFileName() + ".damaged-" + time);
    }

    private boolean hasSqliteHeader() throws IOException {
        byte[] header = new byte[SQLITE_HEADER.length];
        try (InputStream in = Files.newInputStream(db)) {
            return in.readNBytes(header, 0, header.length) == header.length
                    && Arrays.equals(header, SQLITE_HEADER);
        }
    }

    /**
     * The number of frames up to the log's last commit frame that carry the log header's salt (frames of an older
     * generation, which SQLite leaves behind after a reset, carry another salt; an uncommitted tail does not count).
     */
    private int committedFrames() throws IOException {
        try (FileChannel log = FileChannel.open(wal, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(WAL_HEADER_BYTES);
            if (log.read(header, 0) < WAL_HEADER_BYTES) {
                return 0;
            }
            int pageSize = header.getInt(8);
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                return 0;
            }
            int salt1 = header.getInt(16);
            int salt2 = header.getInt(20);
            long frameBytes = WAL_FRAME_HEADER_BYTES + (long) pageSize;
            long frames = (log.size() - WAL_HEADER_BYTES) / frameBytes;
            ByteBuffer frame = ByteBuffer.allocate(WAL_FRAME_HEADER_BYTES);
            int lastCommit = 0;
            for (long i = 0; i < frames; i++) {
                frame.clear();
                log.read(frame, WAL_HEADER_BYTES + i * frameBytes);
                if (frame.getInt(8) == salt1 && frame.getInt(12) == salt2 && frame.getInt(4) != 0) {
                    lastCommit = (int) (i + 1);
                }
            }
            return lastCommit;
        }
    }
}
