package io.camelonenet.buffer;

/** The buffer is at its byte limit and its policy is to refuse new messages. */
public class BufferFullException extends RuntimeException {

    public BufferFullException(String message) {
        super(message);
    }
}
