package io.camelonenet.studio;

import io.camelonenet.inbound.LogText;

/**
 * OneJSON request ids: a string of 1 to 13 digits (docs/protocol-notes.md, OneJSON). The device
 * repeats the platform's id in its answer, so an id of any other form is refused rather than echoed: the platform
 * never sends one, and whoever does should not choose what the device publishes.
 */
public final class RequestIds {

    /** The platform's limit: digits, at most 13. */
    public static final int MAX_LENGTH = 13;

    private RequestIds() {
    }

    public static boolean valid(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@code id} if it is one, else an {@link IllegalArgumentException} saying what {@code what} carried. */
    public static String checked(String id, String what) {
        if (!valid(id)) {
            throw new IllegalArgumentException(what + " has an id that is not 1 to " + MAX_LENGTH + " digits: "
                    + (id == null ? "none" : "'" + LogText.of(id, 20) + "'"));
        }
        return id;
    }
}
