package io.camelonenet.studio;

import java.util.Locale;

/** The HMAC behind a OneNET token's {@code sign} (docs/protocol-notes.md, Current platform topics and limits). */
public enum TokenMethod {
    MD5("md5", "HmacMD5"),
    SHA1("sha1", "HmacSHA1"),
    SHA256("sha256", "HmacSHA256");

    private final String wireName;
    private final String algorithm;

    TokenMethod(String wireName, String algorithm) {
        this.wireName = wireName;
        this.algorithm = algorithm;
    }

    /** The {@code method} value in the token and in the string that is signed. */
    public String wireName() {
        return wireName;
    }

    String algorithm() {
        return algorithm;
    }

    public static TokenMethod parse(String text) {
        for (TokenMethod method : values()) {
            if (method.wireName.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return method;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a token method (md5, sha1 or sha256)");
    }
}
