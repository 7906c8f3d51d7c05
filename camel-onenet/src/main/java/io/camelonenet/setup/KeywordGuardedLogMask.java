package io.camelonenet.setup;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.support.processor.DefaultMaskingFormatter;
import org.apache.camel.util.SensitiveUtils;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Camel's log mask, run only on lines that could need it. Camel's {@link DefaultMaskingFormatter} applies
 * case-insensitive regular expressions of every sensitive keyword to every log line; profiling the command round trip
 * showed that as three quarters of the downlink route's CPU, for lines that hold no keyword at all. Each of its
 * patterns matches only where a keyword occurs, so a line that contains none comes out unchanged: this checks that
 * first, with plain substring searches, and hands the rest to Camel's formatter, with Camel's keywords, the app's
 * secrets and {@code camel.main.additional-sensitive-keywords}. Bound as
 * {@value MaskingFormatter#CUSTOM_LOG_MASK_REF}, which Camel uses instead of its own.
 */
public final class KeywordGuardedLogMask implements MaskingFormatter {

    public static final String ADDITIONAL_KEYWORDS = "camel.main.additional-sensitive-keywords";

    private final Set<String> keywords = new LinkedHashSet<>();
    private final MaskingFormatter camelMask;

    KeywordGuardedLogMask(CamelContext context) {
        for (String keyword : SensitiveUtils.getSensitiveKeys()) {
            keywords.add(keyword.toLowerCase(Locale.ROOT));
        }
        // the app's secrets, and what a user added: read from the configuration rather than from Camel's context,
        // which has no such setting on Camel 4.14
        for (String secret : SettingsLookup.SECRETS) {
            keywords.add(secret.substring(secret.lastIndexOf('.') + 1));
        }
        context.getPropertiesComponent().resolveProperty(ADDITIONAL_KEYWORDS).ifPresent(additional -> {
            for (String keyword : additional.split(",")) {
                keywords.add(keyword.trim().toLowerCase(Locale.ROOT));
            }
        });
        keywords.remove("");
        this.camelMask = new DefaultMaskingFormatter(keywords, true, true, true);
    }

    /** The keywords this mask looks for, Camel's own among them. */
    Set<String> keywords() {
        return Set.copyOf(keywords);
    }

    @Override
    public String format(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        for (String keyword : keywords) {
            if (lower.contains(keyword)) {
                return camelMask.format(source);
            }
        }
        return source;
    }
}
