package io.camelonenet.route;

/** A downlink message that is not a command this device can take; the route logs it and goes on. */
public class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
