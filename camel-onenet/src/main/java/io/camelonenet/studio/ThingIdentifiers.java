package io.camelonenet.studio;

import java.util.regex.Pattern;

/**
 * What a thing-model identifier or a legacy stream id (a property, an event, a point's name) may be here: 1 to 64
 * letters, digits, {@code _} or {@code -}. No source documents the platform's own rule; longer names are refused as a
 * name becomes a stream id and a meter tag, and these characters keep it safe in a JSON key, a log line and a label.
 */
public final class ThingIdentifiers {

    public static final int MAX_LENGTH = 64;
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_\\-]{1," + MAX_LENGTH + "}");
    /** For messages: what {@link #valid} accepts. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, _ or -";

    private ThingIdentifiers() {
    }

    public static boolean valid(String identifier) {
        return identifier != null && PATTERN.matcher(identifier).matches();
    }
}
