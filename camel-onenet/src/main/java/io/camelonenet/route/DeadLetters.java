package io.camelonenet.route;

import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.support.PrivateFiles;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The dead letters' bound on disk ({@code onenet.dead-letter.max-bytes}): the dead-letter route names each letter here
 * (its time, then its exchange id, so the oldest sort first; never a name from the message) and, before it is
 * written, deletes the oldest letters until it fits. A letter larger than the whole bound is not kept. What is
 * deleted or not kept is counted and logged once per interval. Only files of this form are counted or deleted: a
 * file someone put beside them is left alone.
 */
public class DeadLetters {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final Pattern LETTER = Pattern.compile("\\d{8}-\\d{6}-\\d{3}-[A-Za-z0-9_-]+\\.json");
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final DeadLetterFormatter FORMATTER = new DeadLetterFormatter();

    private final Path directory;
    private final long maxBytes;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final RepeatedWarning drops = new RepeatedWarning(LOG);
    /** The letters on disk by name (oldest first) and size; read from the directory when it must shrink. */
    private TreeMap<String, Long> letters;
    private long bytes;

    public DeadLetters(Path directory, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the dead letters' bound must be positive, not " + maxBytes);
        }
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps the failed exchange as a letter: written as JSON ({@link DeadLetterFormatter}: time, route, error, body),
     * named and given room ({@link #makeRoom}), and written to the folder, 0600. The dead-letter route of the bundled
     * routes and the {@code onenet:} component both keep their letters so.
     */
    public void keep(Exchange exchange) throws IOException {
        exchange.getMessage().setBody(FORMATTER.format(exchange));
        makeRoom(exchange);
        if (exchange.isRouteStop()) {
            return;
        }
        PrivateFiles.createDirectories(directory);
        Path letter = directory.resolve(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
        PrivateFiles.ensureFile(letter);
        Files.writeString(letter, exchange.getMessage().getBody(String.class));
    }

    /** The folder the letters are in. */
    public Path directory() {
        return directory;
    }

    /**
     * Names the letter in the body ({@code CamelFileName}) and makes room for it; a letter that can never fit stops
     * the exchange, which then writes nothing.
     */
    public synchronized void makeRoom(Exchange exchange) throws IOException {
        String letter = exchange.getMessage().getBody(String.class);
        long size = letter == null ? 0 : letter.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            dropped.incrementAndGet();
            drops.warn(() -> "Dead letter of " + size + " bytes not kept: larger than onenet.dead-letter.max-bytes ("
                    + maxBytes + ")");
            exchange.setRouteStop(true);
            return;
        }
        if (letters == null || bytes + size > maxBytes) {
            // the truth before deleting anything: an operator may have removed or archived letters meanwhile
            scan();
        }
        int deleted = 0;
        while (bytes + size > maxBytes && !letters.isEmpty()) {
            Map.Entry<String, Long> oldest = letters.pollFirstEntry();
            bytes -= oldest.getValue();
            try {
                Files.deleteIfExists(directory.resolve(oldest.getKey()));
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            }
            deleted++;
        }
        if (deleted > 0) {
            int count = deleted;
            dropped.addAndGet(deleted);
            drops.warn(() -> count + " oldest dead letters deleted to stay within onenet.dead-letter.max-bytes ("
                    + maxBytes + " bytes)");
        }
        String name = LocalDateTime.now().format(TIME) + "-" + exchange.getExchangeId() + ".json";
        letters.put(name, size);
        bytes += size;
        written.incrementAndGet();
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
    }

    /** Letters given room to be written since start: readings and commands that failed for good. */
    public long written() {
        return written.get();
    }

    /** Letters deleted to make room, or not kept because they could never fit, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Bytes of letters on disk, as last counted. */
    public synchronized long bytes() {
        return bytes;
    }

    private void scan() throws IOException {
        letters = new TreeMap<>();
        bytes = 0;
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (LETTER.matcher(name).matches()) {
                    try {
                        long size = Files.size(file);
                        letters.put(name, size);
                        bytes += size;
                    } catch (NoSuchFileException gone) {
                        // deleted meanwhile
                    }
                }
            }
        }
    }
}
