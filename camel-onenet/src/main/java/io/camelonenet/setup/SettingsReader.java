package io.camelonenet.setup;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and checks single configuration values, turning every problem into a {@link ConfigurationException} that
 * names the key. The lookup is Camel's property resolution, so application.properties, environment variables
 * ({@code ONENET_DEVICE_ID} for {@code onenet.device-id}) and system properties all apply.
 */
final class SettingsReader {

    private final Function<String, Optional<String>> lookup;

    SettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    String required(String key) {
        return lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new ConfigurationException(key, "is missing"));
    }

    String text(String key, String fallback) {
        return lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty()).orElse(fallback);
    }

    long positiveMillis(String key, long fallback) {
        return positive(key, fallback, "milliseconds");
    }

    /** A positive whole number of {@code unit}s (milliseconds, bytes). */
    long positive(String key, long fallback, String unit) {
        long value = number(key, fallback, "a whole number of " + unit);
        if (value <= 0) {
            throw new ConfigurationException(key, "must be a positive number of " + unit + ", not " + value);
        }
        return value;
    }

    long nonNegativeMillis(String key, long fallback) {
        long value = number(key, fallback, "a whole number of milliseconds");
        if (value < 0) {
            throw new ConfigurationException(key, "must not be negative, not " + value);
        }
        return value;
    }

    int intBetween(String key, int fallback, int min, int max) {
        long value = number(key, fallback, "a whole number");
        if (value < min || value > max) {
            throw new ConfigurationException(key, "must be between " + min + " and " + max + ", not " + value);
        }
        return (int) value;
    }

    double decimal(String key, double fallback) {
        Optional<String> text = lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (value < 0 || !Double.isFinite(value)) {
                throw new ConfigurationException(key, "must be zero or a positive number, not '" + text.get() + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a number, not '" + text.get() + "'");
        }
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> text = lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "must be true or false, not '" + text.get() + "'");
        };
    }

    private long number(String key, long fallback, String expected) {
        Optional<String> text = lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be " + expected + ", not '" + text.get() + "'");
        }
    }
}
