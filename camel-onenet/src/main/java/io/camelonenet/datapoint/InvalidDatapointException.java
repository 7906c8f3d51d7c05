package io.camelonenet.datapoint;

/** A datapoint cannot be turned into OneNET JSON (or read from it); the message names the stream and the problem. */
public class InvalidDatapointException extends RuntimeException {

    public InvalidDatapointException(String message) {
        super(message);
    }

    public InvalidDatapointException(String message, Throwable cause) {
        super(message, cause);
    }
}
