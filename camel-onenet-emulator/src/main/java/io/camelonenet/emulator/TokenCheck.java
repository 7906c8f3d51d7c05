package io.camelonenet.emulator;

import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.TokenMethod;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Verifies a token as the platform does: version, resource, expiry, method, and the signature itself. */
final class TokenCheck {

    /** Why a token was refused, and the CONNACK code the emulator answers with. */
    record Refusal(int connack, String reason) {
    }

    private TokenCheck() {
    }

    /** @return {@code null} when the token is good */
    static Refusal check(String token, StudioDevice device, Instant now) {
        return check(token, device, now, OneNetToken.VERSION);
    }

    /** A token of {@code version}: {@link OneNetToken#API_VERSION} for the HTTP APIs. */
    static Refusal check(String token, StudioDevice device, Instant now, String version) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : token.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!version.equals(fields.get("version"))) {
            return new Refusal(5, "token version is not " + version);
        }
        String expected = device.productKey() ? OneNetToken.productResource(device.productId())
                : OneNetToken.deviceResource(device.productId(), device.deviceName());
        if (!expected.equals(fields.get("res"))) {
            return new Refusal(5, "token res is '" + fields.get("res") + "', expected '" + expected + "'");
        }
        long expires;
        TokenMethod method;
        try {
            expires = Long.parseLong(fields.getOrDefault("et", ""));
            method = TokenMethod.parse(fields.getOrDefault("method", ""));
        } catch (IllegalArgumentException e) {
            return new Refusal(5, "token et or method is malformed");
        }
        if (expires < now.getEpochSecond()) {
            return new Refusal(5, "token expired at " + Instant.ofEpochSecond(expires));
        }
        String genuine = OneNetToken.generate(version, expected, device.base64Key(), method, expires);
        String genuineSign = URLDecoder.decode(genuine.substring(genuine.indexOf("&sign=") + 6), StandardCharsets.UTF_8);
        if (!genuineSign.equals(fields.get("sign"))) {
            return new Refusal(4, "token signature does not match the key");
        }
        return null;
    }
}
