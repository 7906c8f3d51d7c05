package io.camelonenet.studio;

import io.camelonenet.connection.PasswordSource;

import java.time.Clock;
import java.time.Duration;

/**
 * A fresh token for every CONNECT, valid for {@code ttl} from that moment: a device that was offline longer than the
 * ttl is not locked out by a token computed when it started.
 */
public final class TokenPasswordSource implements PasswordSource {

    private final String resource;
    private final String base64Key;
    private final TokenMethod method;
    private final Duration ttl;
    private final Clock clock;
    private final String version;

    public TokenPasswordSource(String resource, String base64Key, TokenMethod method, Duration ttl, Clock clock) {
        this(OneNetToken.VERSION, resource, base64Key, method, ttl, clock);
    }

    /** Tokens of {@code version}: {@link OneNetToken#API_VERSION} for the platform's HTTP APIs. */
    public TokenPasswordSource(String version, String resource, String base64Key, TokenMethod method, Duration ttl,
                               Clock clock) {
        this.version = version;
        this.resource = resource;
        this.base64Key = base64Key;
        this.method = method;
        this.ttl = ttl;
        this.clock = clock;
        // fail at start-up, not at the first connect, on a key that is not base64
        OneNetToken.generate(version, resource, base64Key, method, 0);
    }

    @Override
    public char[] password() {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return OneNetToken.generate(version, resource, base64Key, method, expires).toCharArray();
    }

    @Override
    public String toString() {
        return "TokenPasswordSource[res=" + resource + ", method=" + method.wireName() + ", ttl=" + ttl + "]";
    }
}
