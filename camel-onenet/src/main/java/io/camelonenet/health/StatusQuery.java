package io.camelonenet.health;

import java.util.Locale;
import java.util.Map;

/**
 * Which devices a status request asks for: a text the id contains (any case), a state, and a page. Anything out of
 * range is brought into it rather than refused: the page and scripts ask again with what they got.
 *
 * @param contains the text the device id contains, {@code ""} for all (at most {@link #MAX_FILTER} characters)
 * @param state    {@code online}, {@code offline}, {@code refused}, or {@code null} for all
 * @param offset   the first matching device to return, from 0
 * @param limit    how many at most, 1 to {@link #MAX_LIMIT}
 */
public record StatusQuery(String contains, String state, int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    static final int MAX_FILTER = 128;
    private static final java.util.Set<String> STATES = java.util.Set.of("online", "offline", "refused");

    public static final StatusQuery ALL = new StatusQuery("", null, 0, DEFAULT_LIMIT);

    /**
     * From a request's parameters {@code q}, {@code state}, {@code offset} and {@code limit} (an exchange's headers
     * will do: other keys are ignored, values are taken as text).
     */
    public static StatusQuery of(Map<String, ?> parameters) {
        String contains = text(parameters.get("q"));
        contains = contains == null ? "" : contains.strip().toLowerCase(Locale.ROOT);
        if (contains.length() > MAX_FILTER) {
            contains = contains.substring(0, MAX_FILTER);
        }
        String state = text(parameters.get("state"));
        state = state == null ? null : state.strip().toLowerCase(Locale.ROOT);
        return new StatusQuery(contains, state != null && STATES.contains(state) ? state : null,
                Math.max(0, number(text(parameters.get("offset")), 0)),
                Math.min(MAX_LIMIT, Math.max(1, number(text(parameters.get("limit")), DEFAULT_LIMIT))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static int number(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.strip());
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    boolean matches(String id, String deviceState) {
        return (state == null || state.equals(deviceState))
                && (contains.isEmpty() || id.toLowerCase(Locale.ROOT).contains(contains));
    }
}
