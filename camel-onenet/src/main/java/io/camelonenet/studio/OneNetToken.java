package io.camelonenet.studio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * OneNET's signed token, the MQTT password of the current platform (MQTTS suite, Studio, new OneNET;
 * docs/protocol-notes.md, Current platform topics and limits):
 * <pre>
 * sign  = base64(HMAC_method(base64decode(key), et + "\n" + method + "\n" + res + "\n" + version))
 * token = version=2018-10-31&amp;res=urlencode(res)&amp;et=et&amp;method=method&amp;sign=urlencode(sign)
 * </pre>
 * {@code et} is the expiry in Unix seconds; {@code res} is {@code products/{pid}/devices/{name}} for a device key or
 * {@code products/{pid}} for a product key.
 */
public final class OneNetToken {

    /** The only version OneNET accepts for an MQTT login. */
    public static final String VERSION = "2018-10-31";
    /** The version of the tokens the platform's HTTP APIs are called with (the OTA API). */
    public static final String API_VERSION = "2022-05-01";

    private OneNetToken() {
    }

    public static String deviceResource(String productId, String deviceName) {
        return "products/" + productId + "/devices/" + deviceName;
    }

    public static String productResource(String productId) {
        return "products/" + productId;
    }

    /**
     * @param resource          {@link #deviceResource} or {@link #productResource}
     * @param base64Key         the device or product key as the console shows it (base64)
     * @param method            the HMAC
     * @param expiresEpochSecond when the token stops being accepted, in Unix seconds
     */
    public static String generate(String resource, String base64Key, TokenMethod method, long expiresEpochSecond) {
        return generate(VERSION, resource, base64Key, method, expiresEpochSecond);
    }

    /**
     * A token of another version: the platform's HTTP APIs (OTA) take {@link #API_VERSION}
     * (docs/protocol-notes.md, Firmware upgrades).
     */
    public static String generate(String version, String resource, String base64Key, TokenMethod method,
                                  long expiresEpochSecond) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64 (copy it from the OneNET console as it is)");
        }
        String signed = expiresEpochSecond + "\n" + method.wireName() + "\n" + resource + "\n" + version;
        String sign;
        try {
            Mac mac = Mac.getInstance(method.algorithm());
            mac.init(new SecretKeySpec(key, method.algorithm()));
            sign = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.algorithm() + " is not available in this Java runtime", e);
        }
        return "version=" + version + "&res=" + encode(resource) + "&et=" + expiresEpochSecond + "&method="
                + method.wireName() + "&sign=" + encode(sign);
    }

    /** Percent-encodes a value; URLEncoder writes a space as '+', OneNET's table wants %20. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
