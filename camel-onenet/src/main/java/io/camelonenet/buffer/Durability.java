package io.camelonenet.buffer;

import java.util.Locale;

/** When a stored reading counts as safe: SQLite's {@code synchronous} setting in write-ahead-log mode. */
public enum Durability {
    /** Synced to the disk before the uplink route completes: survives a crash of the app and a power cut. */
    FULL("FULL"),
    /**
     * Written to the operating system before the route completes and synced at checkpoints: survives a crash of the
     * app, not of the machine (the last readings before a power cut may be gone). No disk sync per reading, which
     * costs most of the durable path's time and wears flash storage.
     */
    NORMAL("NORMAL");

    final String pragma;

    Durability(String pragma) {
        this.pragma = pragma;
    }

    public static Durability parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "normal" -> NORMAL;
            default -> throw new IllegalArgumentException("'" + text + "' is not a durability (full or normal)");
        };
    }
}
