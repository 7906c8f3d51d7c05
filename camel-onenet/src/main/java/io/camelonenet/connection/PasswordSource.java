package io.camelonenet.connection;

/**
 * Supplies the password for each CONNECT. Asked again before every attempt, so a source that computes a signed token
 * hands out a fresh one at every reconnect instead of one that expired while the device was offline.
 */
@FunctionalInterface
public interface PasswordSource {

    char[] password();

    static PasswordSource fixed(String password) {
        return password::toCharArray;
    }
}
