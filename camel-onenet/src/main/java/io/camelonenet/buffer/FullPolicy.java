package io.camelonenet.buffer;

import java.util.Locale;

/** What a full buffer does with a new message. */
public enum FullPolicy {
    /** Make room by deleting the oldest messages (counted as dropped). */
    DROP_OLDEST,
    /** Refuse the new message with {@link BufferFullException} (counted as dropped). */
    REFUSE_NEW;

    public static FullPolicy parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "drop-oldest" -> DROP_OLDEST;
            case "refuse-new" -> REFUSE_NEW;
            default -> throw new IllegalArgumentException("'" + text + "' is not a policy (drop-oldest or refuse-new)");
        };
    }
}
