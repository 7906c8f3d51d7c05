package io.camelonenet.field;

/**
 * Reads every point of one source, once per call, over a connection it keeps between calls, and writes its writable
 * points. A poll and a write may come from different threads: an implementation serialises them.
 */
public interface FieldReader extends AutoCloseable {

    /**
     * Reads the source's points together. A point the device refused (an exception response, a value that is not a
     * number) is in the result's errors; a source that cannot be reached at all (refused, timed out, closed) throws.
     */
    PollResult read() throws Exception;

    /**
     * Writes one point: a holding register's words or a coil. Returns once the device confirmed it.
     *
     * @throws FieldWriteException refused (a value the type cannot hold) or failed at the device
     */
    void write(FieldPoint point, Object value) throws FieldWriteException;

    /** Drops the connection; the next {@link #read()} opens a new one. */
    @Override
    void close();
}
