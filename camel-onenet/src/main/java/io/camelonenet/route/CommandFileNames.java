package io.camelonenet.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File names for commands, derived from the cmduuid in the topic. Message data never chooses a path: the result only
 * ever contains {@code [A-Za-z0-9_-]} and the {@code .cmd} extension, so it has no separator, no {@code ..}, no drive
 * letter and no leading dot. An id that is already such a name (every real OneNET cmduuid) is kept as it is; anything
 * else keeps its safe characters and gets {@code -} and 16 hex digits of a hash of the original.
 *
 * <p>Distinct ids never share a file: a kept name never ends in {@code -} and 16 hex digits (an id of that form is
 * hashed too), so a kept name and a hashed one always differ, and two hashed ones differ unless SHA-256 collides in
 * its first 64 bits.
 */
public final class CommandFileNames {

    static final String EXTENSION = ".cmd";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The end of every hashed name: no name kept as it is may look like this. */
    private static final Pattern HASHED_FORM = Pattern.compile(".*-[0-9a-f]{16}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int KEPT_CHARACTERS = 40;

    private CommandFileNames() {
    }

    public static String forCommandId(String commandId) {
        return safeName(commandId, "cmd") + EXTENSION;
    }

    /** A gateway device's directory under onenet.downlink.dir: its id, made safe the same way. */
    public static String forDeviceId(String deviceId) {
        return safeName(deviceId, "device");
    }

    /** The id itself when it is plainly safe; otherwise its safe characters and a hash, so no two ids collide. */
    private static String safeName(String id, String whenEmpty) {
        if (PLAIN_ID.matcher(id).matches() && !HASHED_FORM.matcher(id).matches()) {
            return id;
        }
        String kept = UNSAFE.matcher(id).replaceAll("_");
        if (kept.length() > KEPT_CHARACTERS) {
            kept = kept.substring(0, KEPT_CHARACTERS);
        }
        return (kept.isEmpty() ? whenEmpty : kept) + "-" + sha256Prefix(id);
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
