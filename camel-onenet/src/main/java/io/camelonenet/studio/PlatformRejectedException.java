package io.camelonenet.studio;

/** The platform answered a request on {@code /rejected} (or not at all): the exchange fails into the dead letters. */
public class PlatformRejectedException extends RuntimeException {

    public PlatformRejectedException(String message) {
        super(message);
    }
}
