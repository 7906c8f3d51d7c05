package io.camelonenet.buffer;

/** The buffer could not store a reading (a full disk, a read-only directory): it is lost and counted as dropped. */
public class BufferUnavailableException extends RuntimeException {

    public BufferUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
