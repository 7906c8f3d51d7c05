package io.camelonenet.support;

import io.camelonenet.inbound.LogText;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret given by a file, as the devices and points files name them ({@code ...-file}): one line of UTF-8, a few
 * dozen bytes, read without its line's end. Every problem is an {@link IllegalArgumentException} whose message says
 * what is wrong without quoting the file: it may hold a secret.
 */
public final class SecretFile {

    /** Secret files are one line of a secret (auth info, a base64 key, a password): a few dozen bytes. */
    public static final long MAX_BYTES = 4L << 10;

    private SecretFile() {
    }

    public static String read(Path secretFile) {
        try {
            if (!Files.isRegularFile(secretFile) || Files.size(secretFile) > MAX_BYTES) {
                throw new IllegalArgumentException("does not exist or is not a secret file (one line, at most "
                        + (MAX_BYTES >> 10) + " KiB)");
            }
            String content = Files.readString(secretFile, StandardCharsets.UTF_8);
            String secret = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("has more than one line (a secret file holds the secret alone, on"
                        + " one line)");
            }
            secret = secret.strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("is empty");
            }
            if (!LogText.escape(secret).equals(secret)) {
                throw new IllegalArgumentException("holds control or formatting characters");
            }
            return secret;
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + LogText.of(e.getMessage()));
        }
    }
}
