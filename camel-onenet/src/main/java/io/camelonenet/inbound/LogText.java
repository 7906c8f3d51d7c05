package io.camelonenet.inbound;

/**
 * Text from outside (a topic, a payload, a Kafka key, a line of a file) made safe to log or to repeat in an error
 * message: control characters (a newline would forge a log line, an escape sequence would recolour or rewrite a
 * terminal), Unicode format characters (bidirectional overrides such as U+202E reorder what a reader sees; zero-width
 * ones hide text), line and paragraph separators and lone surrogates become {@code \\uXXXX}; long text is cut.
 * Everything else, Chinese included, is kept as it is.
 */
public final class LogText {

    /** How much of a text from outside a log line repeats: enough to recognise it, not enough to flood the log. */
    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code text} (its {@code toString()}) escaped and cut to {@link #MAX_CHARS}; {@code "null"} for null. */
    public static String of(Object text) {
        return of(text, MAX_CHARS);
    }

    /** {@code text} escaped and cut to {@code maxChars} characters of the original, saying how long it was. */
    public static String of(Object text, int maxChars) {
        String value = String.valueOf(text);
        if (value.length() <= maxChars) {
            return escape(value);
        }
        return escape(value.substring(0, maxChars)) + "...(" + value.length() + " chars)";
    }

    /** {@code text} with every unsafe character escaped, not cut; returns {@code text} itself when it is safe. */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int length = Character.charCount(codePoint);
            if (unsafe(codePoint)) {
                // each UTF-16 unit of it, so that a lone surrogate is shown as what it is
                for (int unit = i; unit < i + length; unit++) {
                    out.append(String.format("\\u%04x", (int) text.charAt(unit)));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += length;
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (unsafe(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    private static boolean unsafe(int codePoint) {
        if (codePoint < 0x20 || codePoint == 0x7f) {
            return true;
        }
        if (codePoint < 0x80) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
