package io.camelonenet.field;

/**
 * A write to a field point that did not happen: refused before anything was sent (not a point, not writable, a value
 * out of the type's range) or failed at the device. The message says which, for the answer to the platform.
 */
public class FieldWriteException extends Exception {

    private final boolean refused;

    public FieldWriteException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** True when the write was refused here; false when the device failed it. */
    public boolean refused() {
        return refused;
    }
}
