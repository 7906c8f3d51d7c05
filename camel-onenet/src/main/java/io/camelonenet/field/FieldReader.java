package io.camelonenet.field;

/**
 * Reads every point of one source, once per call, over a connection it keeps between calls. Called by one thread at a
 * time (the source's poll).
 */
public interface FieldReader extends AutoCloseable {

    /**
     * Reads the source's points together. A point the device refused (an exception response, a value that is not a
     * number) is in the result's errors; a source that cannot be reached at all (refused, timed out, closed) throws.
     */
    PollResult read() throws Exception;

    /** Drops the connection; the next {@link #read()} opens a new one. */
    @Override
    void close();
}
